package io.cenotoo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContractTest {

  private static Vertx vertx;
  private static OpenAPIContract contract;

  @BeforeAll
  static void loadContract() throws Exception {
    vertx = Vertx.vertx();
    contract = ApiRouter.loadContract(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void closeVertx() {
    vertx.close();
  }

  @Test
  void everyContractOperationIsBound() {
    assertEquals(List.of(), ApiRouter.unboundOperations(contract));
  }

  @Test
  void everyBoundOperationIsInContract() {
    List<String> ids = contract.operations().stream().map(op -> op.getOperationId()).toList();
    Arrays.stream(Operation.values()).forEach(op -> assertTrue(ids.contains(op.id()), op.id() + " missing in contract"));
  }

  @Test
  void everyOperationHasOwnerOrLocalHandler() {
    for (Operation op : Operation.values()) {
      boolean local = op == Operation.HEALTH || op == Operation.READY;
      if (!local) {
        assertNotNull(op.address(), op.id() + " has no owner address");
      }
    }
  }
}
