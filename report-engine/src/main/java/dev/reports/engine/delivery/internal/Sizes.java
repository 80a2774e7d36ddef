package dev.reports.engine.delivery.internal;

import java.util.Locale;

/** File sizes as people read them. */
final class Sizes {
  private Sizes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024d);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024d * 1024));
  }
}
