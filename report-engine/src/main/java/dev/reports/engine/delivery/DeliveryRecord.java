package dev.reports.engine.delivery;

import java.util.Map;
import java.util.UUID;

/**
 * One row of the delivery log.
 *
 * @param id the row id
 * @param runId the run
 * @param channel the channel
 * @param recipient the recipient, or {@code null} for the row that records "no recipients"
 * @param status where it is
 * @param payload what was sent and how it went (file name, rows, bytes, sha256, attempts, the
 *     provider's message id or error)
 */
public record DeliveryRecord(
    UUID id,
    UUID runId,
    Channel channel,
    Recipient recipient,
    DeliveryStatus status,
    Map<String, Object> payload) {}
