package dev.reports.engine.delivery;

import dev.reports.engine.report.ReportFile;
import java.util.UUID;

/**
 * One report to send to one recipient.
 *
 * @param runId the run
 * @param scheduleId the schedule
 * @param recipient who gets it
 * @param file the CSV report
 * @param idempotencyKey stable for (run, recipient): a provider that honours it never delivers
 *     twice, however often the send is retried or recovered
 */
public record Delivery(
    UUID runId, UUID scheduleId, Recipient recipient, ReportFile file, String idempotencyKey) {}
