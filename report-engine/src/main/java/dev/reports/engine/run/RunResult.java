package dev.reports.engine.run;

import java.time.Instant;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param status the final status (never {@link RunStatus#RUNNING})
 * @param finishedAt when it ended
 * @param rows rows in the report, when it was generated
 * @param bytes size of the CSV file, when it was generated
 * @param sha256 hex SHA-256 of the CSV file, when it was generated
 * @param error why it failed, or empty
 * @param nextRunAt the schedule's next fire instant after this run, or empty when none
 */
public record RunResult(
    RunStatus status,
    Instant finishedAt,
    Long rows,
    Long bytes,
    String sha256,
    Optional<String> error,
    Optional<Instant> nextRunAt) {}
