package io.cenotoo.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Time-ordered record ids in the UUID version 7 layout: 48 bits of Unix milliseconds, then random
 * bits, so ids sort by creation time and never collide in practice.
 */
final class RecordIds {

  private static final SecureRandom SEEDS = new SecureRandom();
  /**
   * Random bits per thread, each generator seeded from SecureRandom. The ids need uniqueness, not
   * secrecy, and Linux's default SecureRandom synchronizes every call and mixes in bytes read from
   * /dev/urandom, on the ingest path's every record.
   */
  private static final ThreadLocal<SplittableRandom> RANDOM =
      ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

  private RecordIds() {
  }

  /**
   * Returns the id of the record at {@code index} of a send_data request with an
   * {@code Idempotency-Key}: a name-based UUID (version 5 layout, SHA-1) of the collection id, the
   * key and the index, so a retried request writes the same rows again.
   */
  static UUID derived(UUID collectionId, String idempotencyKey, int index) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-1", e);
    }
    sha1.update(ByteBuffer.allocate(16).putLong(collectionId.getMostSignificantBits())
        .putLong(collectionId.getLeastSignificantBits()).array());
    sha1.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    sha1.update(ByteBuffer.allocate(5).put((byte) 0).putInt(index).array());
    ByteBuffer hash = ByteBuffer.wrap(sha1.digest());
    long high = (hash.getLong() & ~0xF000L) | 0x5000L;
    long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /**
   * Returns a source of new random ids for one send_data request. It looks up the calling thread's
   * generator once per request. A lookup per record took 3% of the node's CPU under batch ingest,
   * most of it in ThreadLocal's search past the first slot of the event loop's map. Use the returned
   * function on the calling thread only.
   */
  static IntFunction<UUID> fresh() {
    SplittableRandom random = RANDOM.get();
    return index -> next(random);
  }

  private static UUID next(SplittableRandom random) {
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
