package io.cenotoo.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cenotoo.client.ApiClient;
import io.cenotoo.client.ApiException;
import io.cenotoo.client.api.AuthApi;
import io.cenotoo.client.api.CollectionsApi;
import io.cenotoo.client.api.DataApi;
import io.cenotoo.client.api.KeysApi;
import io.cenotoo.client.api.ProjectsApi;
import io.cenotoo.client.model.CollectionCreate;
import io.cenotoo.client.model.DataPage;
import io.cenotoo.client.model.KeyCreate;
import io.cenotoo.client.model.ProjectCreate;
import io.cenotoo.client.model.SendDataResult;
import io.cenotoo.client.model.StatisticsBucket;
import io.cenotoo.client.model.TokenPair;
import io.cenotoo.testing.TestNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from openapi.yaml by openapi-generator (library "native") drives the
 * whole flow, statistics included, as a user of the contract would.
 */
class GeneratedClientTest {

  private static ApiClient client(String header, String value) {
    ApiClient client = new ApiClient();
    client.setScheme("http").setHost("127.0.0.1").setPort(TestNode.get().port());
    if (header != null) {
      client.setRequestInterceptor(request -> request.header(header, value));
    }
    return client;
  }

  @Test
  void generatedClientRunsTheFlow() throws Exception {
    TokenPair tokens = new AuthApi(client(null, null)).login(TestNode.ADMIN_USERNAME, TestNode.ADMIN_PASSWORD,
        "password", null, null, null);
    ApiClient user = client("Authorization", "Bearer " + tokens.getAccessToken());

    UUID projectId = new ProjectsApi(user).createProject(new ProjectCreate()
        .projectName("generated_" + UUID.randomUUID().toString().replace("-", "")).description("from the client"))
        .getProjectId();
    String key = new KeysApi(user).createProjectKey(projectId, new KeyCreate().keyType(KeyCreate.KeyTypeEnum.WRITE))
        .getApiKey();
    UUID collectionId = new CollectionsApi(user).createCollection(projectId, new CollectionCreate().name("readings")
        .collectionSchema(Map.of("temperature", "float", "room", "text"))).getCollectionId();

    DataApi data = new DataApi(client("X-API-Key", key));
    SendDataResult sent = data.sendData(projectId, collectionId, List.of(
        Map.of("key", "lab", "timestamp", "2024-05-01T10:00:00Z", "temperature", 21.5, "room", "lab"),
        Map.of("key", "lab", "timestamp", "2024-05-01T10:01:00Z", "temperature", 21.7, "room", "lab")), null);
    assertEquals(2, sent.getProcessedCount());

    DataPage page = awaitRecords(data, projectId, collectionId, 2);
    assertFalse(page.getHasMore());
    assertEquals(2, page.getData().size());
    assertNotNull(((Map<?, ?>) page.getData().get(0)).get("record_id"));

    List<StatisticsBucket> buckets = data.getStatistics(projectId, collectionId, "temperature", "max", "every_1_days",
        null, null, null, null, null, null, null);
    assertEquals(1, buckets.size());
    assertEquals("lab", buckets.get(0).getAdditionalProperty("key"));
    assertEquals(21.7, ((Number) buckets.get(0).getAdditionalProperty("max_temperature")).doubleValue());
  }

  @Test
  void problemDetailsReachTheClient() {
    DataApi anonymous = new DataApi(client(null, null));

    ApiException error = assertThrows(ApiException.class,
        () -> anonymous.getData(UUID.randomUUID(), UUID.randomUUID(), null, null, null, null, null, null, null, null, null,
            null, null));

    assertEquals(401, error.getCode());
    assertTrue(error.getResponseBody().contains("\"status\":401"), error.getResponseBody());
  }

  private static DataPage awaitRecords(DataApi data, UUID projectId, UUID collectionId, int expected) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    DataPage page;
    do {
      page = data.getData(projectId, collectionId, null, null, null, 100, null, null, null, null, null, null, null);
      if (page.getData().size() >= expected) {
        return page;
      }
      Thread.sleep(200);
    } while (System.currentTimeMillis() < deadline);
    throw new AssertionError("Records not readable within 30 s: " + page);
  }
}
