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
}
