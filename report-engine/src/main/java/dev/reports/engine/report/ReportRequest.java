package dev.reports.engine.report;

import java.time.Instant;
import java.util.UUID;

/**
 * One report to produce.
 *
 * @param definition what to report
 * @param runId the run producing it
 * @param asOf the run's scheduled instant: a report's relative windows ("the last 7 days") are
 *     evaluated against it, so a late or recovered run covers the same window as an on-time one
 */
public record ReportRequest(ReportDefinition definition, UUID runId, Instant asOf) {}
