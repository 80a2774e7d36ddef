package dev.reports.service.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A password, key or token. It prints as {@code ***}, so a config object can be logged or put in an
 * exception without leaking it; {@link #reveal()} is the one way to the value.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself, for the one call that needs it. */
  public String reveal() {
    return value;
  }

  /** The secret's UTF-8 bytes, e.g. an HMAC key. */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "***";
  }
}
