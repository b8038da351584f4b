package io.cenotoo.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API-key material. A key is 32 random bytes written as 64 lowercase hex characters; only its
 * HMAC-SHA256 under {@code API_KEY_SECRET} is stored, so a copy of the database does not reveal
 * usable keys and lookups stay a single-partition read.
 */
public final class ApiKeys {

  public static final int PREFIX_LENGTH = 8;
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * One initialized Mac per thread, because every API-key request hashes its key and Mac.getInstance
   * looks up the provider on each call, which showed in CPU profiles of get_data.
   */
  private final ThreadLocal<Mac> macs;

  public ApiKeys(String secret) {
    SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> newMac(key));
  }

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  /** Returns true when the value has the shape of a key, so malformed input never reaches storage. */
  public static boolean isWellFormed(String key) {
    return key != null && FORMAT.matcher(key).matches();
  }

  public static String prefix(String key) {
    return key.substring(0, PREFIX_LENGTH);
  }

  /** Returns the stored form of a key: hex HMAC-SHA256 under the configured secret. */
  public String hash(String key) {
    // doFinal resets the Mac, so the next call starts from the key alone.
    return HEX.formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
