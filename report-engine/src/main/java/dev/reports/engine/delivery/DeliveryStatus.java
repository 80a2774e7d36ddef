package dev.reports.engine.delivery;

import java.util.Locale;

/** Where a delivery is: written before the provider is called, completed after. */
public enum DeliveryStatus {
  /** The provider is being called (or the node died while calling it). */
  PENDING,
  /** The provider accepted it. */
  SENT,
  /** The provider refused it, or retries ran out; the payload says why. */
  FAILED,
  /**
   * Not sent, by rule rather than by failure: the recipient can no longer receive the
   * organization's reports (deactivated, a Telegram chat disconnected, moved to another
   * organization); the payload says why.
   */
  SKIPPED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
