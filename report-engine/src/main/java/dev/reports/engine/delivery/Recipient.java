package dev.reports.engine.delivery;

import java.util.Objects;
import java.util.UUID;

/**
 * Who receives a report on one channel.
 *
 * @param channel the channel
 * @param key identifies the recipient within a run, stable across runs and attempts: one delivery
 *     per (run, channel, key), and the idempotency key is made of it. Distinct from the address
 *     when the address may change (an email recipient keyed by its user, {@code user:<id>}, is not
 *     sent again when the user's address changes mid-run); at most 200 characters
 * @param address where the channel sends, in the channel's own terms (an email address, a Telegram
 *     chat id, a URL); empty when not known (a recipient that is skipped)
 */
public record Recipient(Channel channel, String key, String address) {
  public Recipient {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    if (key == null || key.isBlank() || key.length() > 200) {
      throw new IllegalArgumentException("a recipient key is 1 to 200 characters, was " + key);
    }
  }

  /** A recipient known by its address alone: the address is its key. */
  public static Recipient of(Channel channel, String address) {
    return new Recipient(channel, address, address);
  }

  /** A recipient with a key of its own, distinct from its address. */
  public static Recipient of(Channel channel, String key, String address) {
    return new Recipient(channel, key, address);
  }

  /**
   * A user's email: keyed {@code user:<id>}, so one user gets one report per run whatever their
   * address is; {@code address} may be null when the user has none (then it is skipped or fails).
   */
  public static Recipient email(UUID userId, String address) {
    return new Recipient(
        Channel.EMAIL,
        "user:" + Objects.requireNonNull(userId, "userId"),
        address == null ? "" : address);
  }

  /** A Telegram chat: keyed {@code chat:<id>}, its address the chat id. */
  public static Recipient telegram(long chatId) {
    return new Recipient(Channel.TELEGRAM, "chat:" + chatId, Long.toString(chatId));
  }
}
