package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cenotoo.bus.Address;
import io.cenotoo.bus.LoopLocal;
import io.cenotoo.testing.TestNode;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node with HTTP verticles and the query and ingest roles runs a query owner and an ingest owner
 * on every event loop, so that get_data, delete_data and send_data reach an owner on the loop that
 * received the request.
 */
class LoopLocalOwnersTest {

  @Test
  void everyEventLoopHasLocalOwners() throws Exception {
    List<String> getData = new ArrayList<>();
    List<String> deleteData = new ArrayList<>();
    List<String> sendData = new ArrayList<>();

    for (EventExecutor loop : ((VertxInternal) TestNode.get().vertx()).nettyEventLoopGroup()) {
      getData.add(loop.submit(() -> LoopLocal.address(Address.QUERY_GET_DATA)).get(10, TimeUnit.SECONDS));
      deleteData.add(loop.submit(() -> LoopLocal.address(Address.QUERY_DELETE_DATA)).get(10, TimeUnit.SECONDS));
      sendData.add(loop.submit(() -> LoopLocal.address(Address.INGEST_SEND_DATA)).get(10, TimeUnit.SECONDS));
    }

    getData.forEach(address -> assertNotEquals(Address.QUERY_GET_DATA, address, "a loop without a local get_data owner"));
    deleteData.forEach(address -> assertNotEquals(Address.QUERY_DELETE_DATA, address,
        "a loop without a local delete_data owner"));
    sendData.forEach(address -> assertNotEquals(Address.INGEST_SEND_DATA, address, "a loop without a local send_data owner"));
    assertEquals(getData.size(), getData.stream().distinct().count(), "two loops share a local owner: " + getData);
    assertEquals(sendData.size(), sendData.stream().distinct().count(), "two loops share an ingest owner: " + sendData);
  }
}
