package dev.reports.engine.delivery;

import java.util.Locale;

/** A way of delivering a report. */
public enum Channel {
  EMAIL,
  TELEGRAM;

  /** The lower-case name stored in the database and used by the API. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Channel fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
