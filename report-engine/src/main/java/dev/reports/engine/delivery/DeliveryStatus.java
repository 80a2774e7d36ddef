package dev.reports.engine.delivery;

import java.util.Locale;

/** Where a delivery is: written before the provider is called, completed after. */
public enum DeliveryStatus {
  PENDING,
  SENT,
  FAILED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
