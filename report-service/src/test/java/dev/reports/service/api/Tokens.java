package dev.reports.service.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** API tokens for tests: valid ones, and every kind the API must refuse. */
final class Tokens {
  static final String SECRET = "test-secret-that-is-at-least-32-bytes-long!";

  private Tokens() {}

  static String valid(UUID userId) {
    return JWT.create()
        .withSubject(userId.toString())
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(SECRET));
  }

  static String expired(UUID userId) {
    return JWT.create()
        .withSubject(userId.toString())
        .withExpiresAt(Instant.now().minus(Duration.ofMinutes(1)))
        .sign(Algorithm.HMAC256(SECRET));
  }

  static String withoutExpiry(UUID userId) {
    return JWT.create().withSubject(userId.toString()).sign(Algorithm.HMAC256(SECRET));
  }

  static String withoutSubject() {
    return JWT.create()
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(SECRET));
  }

  static String signedWith(String secret, UUID userId) {
    return JWT.create()
        .withSubject(userId.toString())
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(secret));
  }

  /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
  static String unsigned(UUID userId) {
    return JWT.create()
        .withSubject(userId.toString())
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.none());
  }

  /** A token whose header says {@code alg: none} but which carries a valid HS256 signature. */
  static String noneHeaderWithSignature(UUID userId) {
    String valid = valid(userId);
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + valid.substring(valid.indexOf('.'));
  }

  /**
   * A token of exactly this header and payload JSON, HS256-signed with the test secret: for claims
   * of the wrong type and headers no JWT library would write.
   */
  static String raw(String headerJson, String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput
          + "."
          + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid HS256 token of this user whose payload has {@code exp} written as this JSON. */
  static String withExp(UUID userId, String expJson) {
    return raw(
        "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
        "{\"sub\":\"" + userId + "\"" + (expJson == null ? "" : ",\"exp\":" + expJson) + "}");
  }

  /** A token of this user, valid for an hour, whose {@code nbf} is this far from now. */
  static String notBefore(UUID userId, Duration fromNow) {
    return JWT.create()
        .withSubject(userId.toString())
        .withNotBefore(Instant.now().plus(fromNow))
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(SECRET));
  }

  /** A token with otherwise valid claims, signed with this algorithm. */
  static String signedBy(Algorithm algorithm, UUID userId) {
    return JWT.create()
        .withSubject(userId.toString())
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(algorithm);
  }

  /** A valid HS256 token whose header also names a critical extension. */
  static String withCrit(UUID userId) {
    return JWT.create()
        .withHeader(java.util.Map.of("crit", java.util.List.of("exp"), "exp", 1))
        .withSubject(userId.toString())
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(SECRET));
  }
}
