package io.cenotoo.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

  @Test
  void localReplyIsSameInstance() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonBytes.registerCodec(vertx.eventBus());
      JsonBytes.registerCodec(vertx.eventBus());
      JsonBytes sent = new JsonBytes(Buffer.buffer("{\"data\":[]}"));
      vertx.eventBus().consumer("json-bytes-test", message -> message.reply(sent));

      Object received = vertx.eventBus().request("json-bytes-test", "page").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS).body();

      assertSame(sent, received);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void wireFormatKeepsBytes() {
    JsonBytes.Codec codec = new JsonBytes.Codec();
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, new JsonBytes(Buffer.buffer("{\"k\":\"Zürich\"}")));
    wire.appendString("suffix");

    JsonBytes decoded = codec.decodeFromWire(6, wire);

    assertEquals("{\"k\":\"Zürich\"}", decoded.json().toString());
  }
}
