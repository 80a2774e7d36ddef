package dev.reports.service.config;

import java.util.Locale;
import java.util.Optional;

/** How a channel delivers: {@code REPORTS_EMAIL_DELIVERY} and {@code REPORTS_TELEGRAM_DELIVERY}. */
public enum DeliveryMode {
  /** Through the provider (Loops, the Telegram Bot API); its credentials are required. */
  PROVIDER,
  /** Written to the outbox folder instead of being sent. */
  OUTBOX,
  /** Not available: a schedule may not enable the channel, and a run records it as failed. */
  OFF;

  /** The word in the environment and in {@code /health/ready}: {@code provider}, {@code outbox}… */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode a setting's value names, if it names one. */
  static Optional<DeliveryMode> parse(String raw) {
    for (DeliveryMode mode : values()) {
      if (mode.code().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
