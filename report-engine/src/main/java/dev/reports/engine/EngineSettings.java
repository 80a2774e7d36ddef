package dev.reports.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's settings; {@link ReportEngine.Builder} fills them from its {@code DEFAULT_*}s and
 * what the host sets.
 *
 * @param schedulerName the cluster's name: every node of one cluster uses the same
 * @param nodeId this node's id, unique in the cluster
 * @param threads reports run at once on this node
 * @param minimumInterval a cron may not fire more often than this
 * @param missedRunGrace a passed instant still runs (once) when found this late
 * @param reportAttempts attempts to generate a report before the run fails
 * @param reportRetryBackoff the first pause between those attempts, doubled each time
 * @param reconcileEvery how often schedules and triggers are checked against each other
 * @param runLease how long a run's claim outlives its node's silence before another node may take
 *     the run over; the node renews it every third of that while the run is in progress
 * @param workDir where CSV files are written while a run needs them
 * @param csvByteOrderMark whether CSV files start with a UTF-8 BOM (for Excel)
 */
public record EngineSettings(
    String schedulerName,
    String nodeId,
    int threads,
    Duration minimumInterval,
    Duration missedRunGrace,
    int reportAttempts,
    Duration reportRetryBackoff,
    Duration reconcileEvery,
    Duration runLease,
    Path workDir,
    boolean csvByteOrderMark) {}
