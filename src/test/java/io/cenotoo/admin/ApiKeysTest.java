package io.cenotoo.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stored key hashes are HMAC-SHA256 under the configured secret, the same on every call and thread. */
class ApiKeysTest {

  /** RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?". */
  private static final String RFC_4231_CASE_2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  @Test
  void hashMatchesRfc4231Vector() {
    ApiKeys keys = new ApiKeys("Jefe");

    assertEquals(RFC_4231_CASE_2, keys.hash("what do ya want for nothing?"));
  }

  @Test
  void repeatedHashesDoNotCarryState() throws Exception {
    ApiKeys keys = new ApiKeys("Jefe");
    String other = keys.hash("another key");

    assertEquals(RFC_4231_CASE_2, keys.hash("what do ya want for nothing?"));
    assertEquals(other, keys.hash("another key"));
    assertEquals(RFC_4231_CASE_2, CompletableFuture.supplyAsync(() -> keys.hash("what do ya want for nothing?")).get());
  }
}
