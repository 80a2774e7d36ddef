package dev.reports.engine.delivery;

import dev.reports.engine.ReportEngineException;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider did not accept a delivery. {@link #permanent()} failures are not retried; others are,
 * no sooner than {@link #retryAfter()} when the provider said so. The message never holds a secret.
 */
public class DeliveryException extends ReportEngineException {
  private final boolean permanent;
  private final String code;
  private final Duration retryAfter;

  public DeliveryException(
      String code, String description, boolean permanent, Duration retryAfter) {
    super(description);
    this.code = code;
    this.permanent = permanent;
    this.retryAfter = retryAfter;
  }

  public boolean permanent() {
    return permanent;
  }

  /** The provider's error code (an HTTP status, Telegram's error_code) or a short word. */
  public String code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
