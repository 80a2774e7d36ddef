package dev.reports.service.api;

import static dev.reports.jooq.Tables.USERS;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Checks a request's bearer token: an HS256 JWT signed with the service's secret, with a numeric
 * {@code exp} in the future, a numeric {@code nbf} (when present) not in the future, no {@code
 * crit} header, and a {@code sub} naming an active user. Any other token — unsigned ({@code alg:
 * none}), signed with another algorithm, expired, not yet valid, or of an unknown or deactivated
 * user — is refused.
 */
final class Authenticator {
  /** HS256 needs a key at least as long as its hash (RFC 7518 §3.2). */
  static final int MIN_SECRET_BYTES = 32;

  /**
   * How far the issuer's clock may run ahead of ours: a token whose {@code nbf} is at most this far
   * in the future is accepted. {@code exp} gets no allowance.
   */
  static final Duration NOT_BEFORE_LEEWAY = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DSLContext dsl;
  private final JWTVerifier verifier;

  Authenticator(DSLContext dsl, String secret) {
    this(dsl, secret, Clock.systemUTC());
  }

  Authenticator(DSLContext dsl, String secret, Clock clock) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.dsl = dsl;
    // The library's own Verification builds with a Clock only through its base class.
    this.verifier =
        ((JWTVerifier.BaseVerification)
                JWT.require(Algorithm.HMAC256(key))
                    .withClaimPresence("exp")
                    .withClaimPresence("sub")
                    .acceptNotBefore(NOT_BEFORE_LEEWAY.toSeconds())
                    .acceptExpiresAt(0))
            .build(clock);
  }

  Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiProblem.unauthorized("A bearer token is required");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiProblem.unauthorized("The Authorization header must be: Bearer <token>");
    }
    String token = authorization.substring(7).trim();
    checkShape(token);
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (TokenExpiredException e) {
      throw ApiProblem.unauthorized("The token has expired");
    } catch (IncorrectClaimException e) {
      throw ApiProblem.unauthorized(
          "nbf".equals(e.getClaimName())
              ? "The token is not valid yet (nbf)"
              : "The token is not valid");
    } catch (JWTVerificationException | IllegalArgumentException e) {
      throw ApiProblem.unauthorized("The token is not valid");
    }
    return userId(jwt.getSubject())
        .flatMap(this::activeUser)
        .orElseThrow(() -> ApiProblem.unauthorized("The token's user is unknown or deactivated"));
  }

  /**
   * What the JWT library leaves open, checked on the token's own JSON before its signature: the
   * header says HS256 and has no {@code crit} (no extension is understood here, so none may be
   * critical); {@code exp} is present and a number, and {@code nbf}, when present, a number — a
   * library that skips a claim of the wrong type would otherwise accept a token that never expires.
   */
  private static void checkShape(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw ApiProblem.unauthorized("The token is not valid");
    }
    JsonNode header = segment(parts[0]);
    JsonNode payload = segment(parts[1]);
    if (!header.path("alg").isTextual() || !header.get("alg").asText().equals("HS256")) {
      throw ApiProblem.unauthorized("The token must be signed with HS256");
    }
    if (header.has("crit")) {
      throw ApiProblem.unauthorized("The token has a crit header; no extension is supported");
    }
    if (!payload.path("exp").isNumber()) {
      throw ApiProblem.unauthorized("The token's exp is required and must be a number");
    }
    if (payload.has("nbf") && !payload.get("nbf").isNumber()) {
      throw ApiProblem.unauthorized("The token's nbf must be a number");
    }
  }

  private static JsonNode segment(String base64) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(base64));
      if (node == null || !node.isObject()) {
        throw ApiProblem.unauthorized("The token is not valid");
      }
      return node;
    } catch (IOException | IllegalArgumentException e) {
      throw ApiProblem.unauthorized("The token is not valid");
    }
  }

  private Optional<Caller> activeUser(UUID userId) {
    return dsl.select(USERS.ORGANIZATION_ID)
        .from(USERS)
        .where(USERS.ID.eq(userId).and(USERS.DEACTIVATED_AT.isNull()))
        .fetchOptional(r -> new Caller(userId, r.value1()));
  }

  private static Optional<UUID> userId(String subject) {
    try {
      return subject != null && subject.length() == 36
          ? Optional.of(UUID.fromString(subject))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
