package dev.reports.engine.delivery;

import dev.reports.engine.ReportEngineException;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider did not accept a delivery. A {@link #retryable} failure (a timeout, a 5xx, a 429) is
 * sent again by the engine, no sooner than {@link #retryAfter()} when the provider said so; a
 * {@link #permanent} one fails at once. The message never holds a secret.
 */
public class DeliveryException extends ReportEngineException {
  private final boolean permanent;
  private final String code;
  private final Duration retryAfter;

  /**
   * @param code the provider's error code (an HTTP status) or a short word
   * @param description what happened, without secrets
   * @param permanent true when sending again cannot help
   * @param retryAfter the provider's wait before a retry, or null
   */
  public DeliveryException(
      String code, String description, boolean permanent, Duration retryAfter) {
    super(description);
    this.code = code;
    this.permanent = permanent;
    this.retryAfter = retryAfter;
  }

  /** Sending again cannot help (a refused address, a bad credential). */
  public static DeliveryException permanent(String code, String description) {
    return new DeliveryException(code, description, true, null);
  }

  /** Sending again may work (a timeout, a 5xx). */
  public static DeliveryException retryable(String code, String description) {
    return new DeliveryException(code, description, false, null);
  }

  /** Sending again may work, but not before {@code retryAfter} (a 429's {@code Retry-After}). */
  public static DeliveryException retryable(String code, String description, Duration retryAfter) {
    return new DeliveryException(code, description, false, retryAfter);
  }

  public boolean permanent() {
    return permanent;
  }

  /** Whether the engine sends again: {@code !permanent()}. */
  public boolean retryable() {
    return !permanent;
  }

  /** The provider's error code (an HTTP status, Telegram's error_code) or a short word. */
  public String code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
