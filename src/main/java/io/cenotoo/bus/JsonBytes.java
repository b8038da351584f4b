package io.cenotoo.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * A reply body that an owner already encoded as JSON, which the HTTP side writes as it is. On the
 * local event bus the same instance reaches the receiver, where a Buffer would be copied, so the
 * sender must not change the buffer after sending it. Between nodes the bytes travel unchanged.
 */
public record JsonBytes(Buffer json) {

  static final String CODEC_NAME = "cenotoo.json-bytes";

  /** Registers the codec on an event bus. A second registration on the same bus does nothing. */
  public static void registerCodec(EventBus eventBus) {
    try {
      eventBus.registerDefaultCodec(JsonBytes.class, new Codec());
    } catch (IllegalStateException alreadyRegistered) {
      // Every deployment on a Vert.x instance registers it, and the first one wins.
    }
  }

  /** Writes the length and the bytes to the wire, and passes the instance itself locally. */
  static final class Codec implements MessageCodec<JsonBytes, JsonBytes> {

    @Override
    public void encodeToWire(Buffer buffer, JsonBytes body) {
      buffer.appendInt(body.json().length()).appendBuffer(body.json());
    }

    @Override
    public JsonBytes decodeFromWire(int position, Buffer buffer) {
      int length = buffer.getInt(position);
      return new JsonBytes(buffer.getBuffer(position + 4, position + 4 + length));
    }

    @Override
    public JsonBytes transform(JsonBytes body) {
      return body;
    }

    @Override
    public String name() {
      return CODEC_NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
