package dev.reports.engine.delivery;

import java.util.regex.Pattern;

/**
 * A way of delivering a report, named by an open key: the built-in {@link #EMAIL} and {@link
 * #TELEGRAM}, or any channel a host registers ({@code Channel.of("webhook")}) with its {@link
 * DeliveryChannel}.
 *
 * @param code the key as stored in the delivery log and shown by an API: lower-case letters,
 *     digits, {@code -} and {@code _}, starting with a letter, at most 32 characters
 */
public record Channel(String code) implements Comparable<Channel> {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /** Email (Loops' transactional API, or the outbox). */
  public static final Channel EMAIL = new Channel("email");

  /** Telegram documents (the Bot API, or the outbox). */
  public static final Channel TELEGRAM = new Channel("telegram");

  /** Throws {@link IllegalArgumentException} naming what is wrong with {@code code}. */
  public Channel {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "a channel key is 1 to 32 lower-case letters, digits, '-' or '_', starting with a"
              + " letter, e.g. \"webhook\"; was "
              + (code == null ? "null" : "\"" + code + "\""));
    }
  }

  /** The channel of this key; throws {@link IllegalArgumentException} for a malformed key. */
  public static Channel of(String code) {
    return new Channel(code);
  }

  /** The channel of a stored or received key: the same as {@link #of}. */
  public static Channel fromCode(String code) {
    return of(code);
  }

  /** Ordered by key: {@code email} before {@code telegram}. */
  @Override
  public int compareTo(Channel other) {
    return code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
