package dev.reports.service.api;

import static dev.reports.jooq.Tables.USERS;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Checks a request's bearer token: an HS256 JWT signed with the service's secret, with an {@code
 * exp} in the future and a {@code sub} naming an active user. Any other token — unsigned ({@code
 * alg: none}), signed otherwise, expired, or of an unknown or deactivated user — is refused.
 */
final class Authenticator {
  /** HS256 needs a key at least as long as its hash (RFC 7518 §3.2). */
  static final int MIN_SECRET_BYTES = 32;

  private final DSLContext dsl;
  private final JWTVerifier verifier;

  Authenticator(DSLContext dsl, String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.dsl = dsl;
    this.verifier =
        JWT.require(Algorithm.HMAC256(key))
            .withClaimPresence("exp")
            .withClaimPresence("sub")
            .build();
  }

  Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiProblem.unauthorized("A bearer token is required");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiProblem.unauthorized("The Authorization header must be: Bearer <token>");
    }
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(authorization.substring(7).trim());
    } catch (TokenExpiredException e) {
      throw ApiProblem.unauthorized("The token has expired");
    } catch (JWTVerificationException e) {
      throw ApiProblem.unauthorized("The token is not valid");
    }
    return userId(jwt.getSubject())
        .flatMap(this::activeUser)
        .orElseThrow(() -> ApiProblem.unauthorized("The token's user is unknown or deactivated"));
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
