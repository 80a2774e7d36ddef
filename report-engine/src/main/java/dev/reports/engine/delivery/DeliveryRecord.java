package dev.reports.engine.delivery;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the delivery log.
 *
 * @param id the row id
 * @param runId the run
 * @param channel the channel
 * @param key the row's recipient key ({@link DeliveryEntry#key()})
 * @param status where it is
 * @param payload what was sent and how it went (file name, rows, bytes, sha256, attempts, the
 *     provider's message id or error)
 */
public record DeliveryRecord(
    UUID id,
    UUID runId,
    Channel channel,
    String key,
    DeliveryStatus status,
    Map<String, Object> payload) {
  public DeliveryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(payload, "payload");
  }
}
