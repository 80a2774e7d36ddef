package dev.reports.engine.delivery;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which row of the delivery log a write is about: one per (run, channel, key).
 *
 * @param organizationId the schedule's organization
 * @param channel the channel
 * @param key the row's recipient key: the recipient's {@link Recipient#key()} for a report, the
 *     same behind {@value #ALERT_PREFIX} for a failure alert, {@value #NOBODY} for the row that
 *     records that a channel had nobody to deliver to
 * @param recipient the recipient, absent on the {@value #NOBODY} row
 */
public record DeliveryEntry(
    UUID organizationId, Channel channel, String key, Optional<Recipient> recipient) {
  /** What the key of a failure alert's row starts with. */
  public static final String ALERT_PREFIX = "alert:";

  /** The key of the row recording that a channel had no recipients. */
  public static final String NOBODY = "none";

  public DeliveryEntry {
    Objects.requireNonNull(organizationId, "organizationId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(recipient, "recipient");
  }

  /** The row of the report's delivery to {@code recipient}. */
  public static DeliveryEntry report(UUID organizationId, Recipient recipient) {
    return new DeliveryEntry(
        organizationId, recipient.channel(), recipient.key(), Optional.of(recipient));
  }

  /** The row of the failure alert to {@code recipient}, apart from its report's row. */
  public static DeliveryEntry alert(UUID organizationId, Recipient recipient) {
    return new DeliveryEntry(
        organizationId,
        recipient.channel(),
        ALERT_PREFIX + recipient.key(),
        Optional.of(recipient));
  }

  /** The row saying that {@code channel} had nobody to deliver to. */
  public static DeliveryEntry nobody(UUID organizationId, Channel channel) {
    return new DeliveryEntry(organizationId, channel, NOBODY, Optional.empty());
  }

  /** Whether this is a failure alert's row. */
  public boolean isAlert() {
    return key.startsWith(ALERT_PREFIX);
  }
}
