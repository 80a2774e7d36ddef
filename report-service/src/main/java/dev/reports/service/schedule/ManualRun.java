package dev.reports.service.schedule;

import java.util.UUID;

/**
 * A manual run the API answered with.
 *
 * @param runId the run
 * @param replayed whether it was started by an earlier request with the same idempotency key
 */
public record ManualRun(UUID runId, boolean replayed) {}
