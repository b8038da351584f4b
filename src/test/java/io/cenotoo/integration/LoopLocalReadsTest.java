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
 * A node with HTTP verticles and the query role runs a query owner on every event loop, so that
 * get_data and delete_data reach an owner on the loop that received the request.
 */
class LoopLocalReadsTest {

  @Test
  void everyEventLoopHasLocalQueryOwners() throws Exception {
    List<String> getData = new ArrayList<>();
    List<String> deleteData = new ArrayList<>();

    for (EventExecutor loop : ((VertxInternal) TestNode.get().vertx()).nettyEventLoopGroup()) {
      getData.add(loop.submit(() -> LoopLocal.address(Address.QUERY_GET_DATA)).get(10, TimeUnit.SECONDS));
      deleteData.add(loop.submit(() -> LoopLocal.address(Address.QUERY_DELETE_DATA)).get(10, TimeUnit.SECONDS));
    }

    getData.forEach(address -> assertNotEquals(Address.QUERY_GET_DATA, address, "a loop without a local get_data owner"));
    deleteData.forEach(address -> assertNotEquals(Address.QUERY_DELETE_DATA, address,
        "a loop without a local delete_data owner"));
    assertEquals(getData.size(), getData.stream().distinct().count(), "two loops share a local owner: " + getData);
  }
}
