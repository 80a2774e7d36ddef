package dev.reports.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One delivery of a schedule's report to one recipient, as the API shows it. */
record NotificationView(
    UUID id,
    UUID runId,
    String channel,
    UUID userId,
    Long telegramChatId,
    String status,
    JsonNode payload,
    Instant createdAt,
    Instant updatedAt) {}
