package dev.reports.service.dev;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.reports.service.config.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * API tokens: HS256 JWTs with {@code sub} = the user id and {@code exp}, for the demo user in
 * {@code dev} and for the operator's {@code token} command.
 */
public final class DemoToken {
  /** How long a printed token works. */
  public static final Duration VALIDITY = Duration.ofDays(30);

  private DemoToken() {}

  /** A token for {@code userId}, valid from {@code now} for {@link #VALIDITY}. */
  public static String mint(Secret secret, UUID userId, Instant now) {
    return mint(secret, userId, now, VALIDITY);
  }

  /** A token for {@code userId}, valid from {@code now} for {@code validity}. */
  public static String mint(Secret secret, UUID userId, Instant now, Duration validity) {
    return JWT.create()
        .withSubject(userId.toString())
        .withIssuedAt(now)
        .withExpiresAt(now.plus(validity))
        .sign(Algorithm.HMAC256(secret.bytes()));
  }
}
