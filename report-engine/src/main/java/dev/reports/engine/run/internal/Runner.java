package dev.reports.engine.run.internal;

import dev.reports.engine.EngineSettings;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.internal.retry.Backoff;
import dev.reports.engine.internal.retry.Retry;
import dev.reports.engine.internal.retry.Ticker;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one fire: decides which instant it stands for and whether it is missed, claims that instant
 * in the run ledger (a second fire of it does nothing), writes the CSV (retrying with backoff),
 * delivers it and records how the run ended.
 */
public final class Runner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Runner.class);

  /**
   * How long a fire's look-up and claim, a run's delivery step and the record of its end keep
   * retrying a failure (the database restarting or failing over) before the fire is dropped or the
   * run fails; no fire can start anywhere in the cluster meanwhile, so waiting costs nothing.
   */
  static final Duration DATABASE_PATIENCE = Duration.ofMinutes(2);

  private static final Duration MAX_DATABASE_BACKOFF = Duration.ofSeconds(10);
  // a report is tried a few times only; its pause doubles up to this
  private static final Duration MAX_REPORT_BACKOFF = Duration.ofHours(1);

  private final EngineSettings settings;
  private final ReportDefinitions definitions;
  private final RunLog runLog;
  private final RunSteps steps;
  private final ScheduleControl control;
  private final EngineMeters meters;
  private final Clock clock;
  private final Leases leases;
  private final Ticker ticker;

  public Runner(
      EngineSettings settings,
      ReportDefinitions definitions,
      RunLog runLog,
      RunSteps steps,
      ScheduleControl control,
      MeterRegistry registry,
      Clock clock) {
    this(settings, definitions, runLog, steps, control, registry, clock, Ticker.SYSTEM);
  }

  /** With the time and waiting of retries given: tests check them without sleeping. */
  Runner(
      EngineSettings settings,
      ReportDefinitions definitions,
      RunLog runLog,
      RunSteps steps,
      ScheduleControl control,
      MeterRegistry registry,
      Clock clock,
      Ticker ticker) {
    this.ticker = ticker;
    this.settings = settings;
    this.definitions = definitions;
    this.runLog = runLog;
    this.steps = steps;
    this.control = control;
    this.meters = new EngineMeters(registry);
    this.clock = clock;
    this.leases = new Leases(runLog, settings.runLease(), "reports-leases-" + settings.nodeId());
  }

  /** Runs a fire to its end; never throws for a failed report (that is a failed run). */
  public void fire(Fire fire) {
    UUID scheduleId = fire.scheduleId();
    Instant instant;
    RunKind kind;
    UUID runId;
    if (fire.manual()) {
      instant = fire.scheduled();
      kind = RunKind.MANUAL;
      runId = fire.manualRunId();
    } else {
      // After downtime only the latest passed instant counts: one run, not one per instant.
      instant =
          fire.fired().isAfter(fire.scheduled())
              ? fire.recurrence().latestAtOrBefore(fire.scheduled(), fire.fired())
              : fire.scheduled();
      Duration lateness = Duration.between(instant, fire.fired());
      kind = lateness.compareTo(settings.missedRunGrace()) > 0 ? RunKind.MISSED : RunKind.SCHEDULED;
      runId = UUID.randomUUID();
      if (!fire.recovering()) {
        meters.lateness(lateness.isNegative() ? Duration.ZERO : lateness);
      }
    }
    Optional<ReportDefinition> definition;
    Optional<Run> claimed;
    long[] claimedAt = new long[1];
    try {
      definition = beforeClaim(scheduleId, () -> definitions.find(scheduleId));
      if (definition.isEmpty()) {
        log.info("schedule {} no longer exists; removing its trigger", scheduleId);
        control.remove(scheduleId);
        return;
      }
      Run candidate = new Run(runId, scheduleId, instant, kind, 1);
      claimed = beforeClaim(scheduleId, () -> claim(candidate, fire.recovering(), claimedAt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (claimed.isEmpty()) {
      meters.duplicate();
      log.debug("schedule {} at {}: already run or running elsewhere", scheduleId, instant);
      return;
    }
    Run run = claimed.get();
    if (run.kind() == RunKind.MISSED) {
      Duration late = Duration.between(instant, fire.fired());
      log.warn(
          "schedule {} missed its run at {}: found {} late, beyond the grace window of {}",
          scheduleId,
          instant,
          late,
          settings.missedRunGrace());
      finish(
          run,
          RunStatus.SKIPPED_MISSED,
          null,
          "missed: no node ran it within "
              + settings.missedRunGrace()
              + " of its instant (found "
              + late.withNanos(0)
              + " late)",
          Duration.ZERO,
          fire.nextFire());
      return;
    }
    execute(definition.get(), run, claimedAt[0], fire.nextFire());
  }

  /**
   * A database step before the run is claimed, retried for up to {@link #DATABASE_PATIENCE}: a fire
   * that found the database away would otherwise leave no trace, and its instant would never run.
   */
  private <T> T beforeClaim(UUID scheduleId, Supplier<T> step) throws InterruptedException {
    return databaseRetry()
        .onRetry(
            (attempt, e, pause) ->
                log.warn(
                    "schedule {}: could not look up or claim its run (try {}: {}); retrying in {}",
                    scheduleId,
                    attempt,
                    e.getMessage(),
                    pause))
        .call(step);
  }

  /**
   * Retries of a database step: from the report retry backoff doubling up to {@link
   * #MAX_DATABASE_BACKOFF}, for at most {@link #DATABASE_PATIENCE}.
   */
  private Retry databaseRetry() {
    return Retry.with(
            Backoff.exponential(settings.reportRetryBackoff(), atLeastFirst(MAX_DATABASE_BACKOFF)))
        .giveUpAfter(DATABASE_PATIENCE)
        .ticker(ticker);
  }

  /** {@code max}, or the first pause when that is longer. */
  private Duration atLeastFirst(Duration max) {
    Duration first = settings.reportRetryBackoff();
    return first.compareTo(max) > 0 ? first : max;
  }

  /**
   * Claims; {@code asked[0]} is when the claim that answered was sent ({@link System#nanoTime}).
   */
  private Optional<Run> claim(Run candidate, boolean recovering, long[] asked) {
    if (!recovering) {
      asked[0] = System.nanoTime();
      return runLog.claim(candidate, settings.nodeId(), settings.runLease());
    }
    // Quartz recovers a fire once the node running it stopped checking in; that node's run lease
    // may outlive its check-in by a little, so ask again for a while before concluding someone
    // still runs it.
    Duration pause = Duration.ofMillis(Math.max(200, settings.runLease().toMillis() / 5));
    Retry polls =
        Retry.with(Backoff.fixed(pause))
            .giveUpAfter(settings.runLease().multipliedBy(3).dividedBy(2))
            .retryIf(e -> e instanceof NotYetClaimed)
            .ticker(ticker);
    try {
      return polls.call(
          () -> {
            asked[0] = System.nanoTime();
            return Optional.of(
                runLog
                    .claim(candidate, settings.nodeId(), settings.runLease())
                    .orElseThrow(NotYetClaimed::new));
          });
    } catch (NotYetClaimed e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The run is still someone else's: asked again after a pause. */
  private static final class NotYetClaimed extends RuntimeException {
    NotYetClaimed() {
      super("held by another node", null, false, false);
    }
  }

  private void execute(ReportDefinition definition, Run run, long claimedAt, Instant nextFire) {
    long started = System.nanoTime();
    Leases.Held held = leases.hold(run, claimedAt);
    ReportFile file = null;
    RunStatus status;
    String error = null;
    try {
      file = exportWithRetries(new ReportRequest(definition, run.id(), run.scheduledFor()), held);
      if (held.lost) {
        leases.release(run);
        return;
      }
      // an empty report of a schedule that skips them reaches no recipient
      boolean skip = definition.skipIfEmpty() && file.rows() == 0;
      DeliveryOutcome outcome =
          skip ? new DeliveryOutcome(0, 0) : deliverWithRetries(definition, run, file, held);
      if (outcome == null) {
        leases.release(run);
        return;
      }
      int total = outcome.sent() + outcome.failed();
      // skipped recipients count for neither side: a rule kept the report from them; a channel
      // left with nobody to send to already reported a failed "no recipients" delivery
      if (skip) {
        status = RunStatus.SKIPPED_EMPTY;
      } else if (outcome.failed() == 0) {
        status = RunStatus.SUCCEEDED;
      } else if (outcome.sent() > 0) {
        status = RunStatus.PARTIALLY_FAILED;
        error = outcome.failed() + " of " + total + " deliveries failed";
      } else {
        status = RunStatus.FAILED;
        error = (total == 1 ? "the delivery" : "all " + total + " deliveries") + " failed";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("run {} interrupted; left for recovery", run.id());
      return;
    } catch (ReportException e) {
      status = RunStatus.FAILED;
      error = "report: " + e.getMessage();
    } catch (RuntimeException e) {
      log.error("run {} of schedule {} failed", run.id(), run.scheduleId(), e);
      status = RunStatus.FAILED;
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file.path());
        } catch (IOException e) {
          log.warn("could not delete {}: {}", file.path(), e.toString());
        }
      }
    }
    try {
      if (held.lost) {
        return;
      }
      held.finishing = true;
      finish(run, status, file, error, Duration.ofNanos(System.nanoTime() - started), nextFire);
    } finally {
      leases.release(run);
    }
  }

  private ReportFile exportWithRetries(ReportRequest request, Leases.Held held)
      throws InterruptedException {
    return Retry.with(
            Backoff.exponential(settings.reportRetryBackoff(), atLeastFirst(MAX_REPORT_BACKOFF)))
        .maxAttempts(settings.reportAttempts())
        .retryIf(e -> !(e instanceof ReportException r && r.permanent()) && !held.lost)
        .onRetry(
            (attempt, e, pause) ->
                log.warn(
                    "run {}: report attempt {} of {} failed ({}); retrying in {}",
                    request.runId(),
                    attempt,
                    settings.reportAttempts(),
                    e.getMessage(),
                    pause))
        .ticker(ticker)
        .call(() -> steps.export(request));
  }

  /**
   * Delivers, and delivers again after a failure that escaped the delivery step (the database
   * unreachable while recipients were read or the delivery log written): the log makes this safe,
   * as recipients already recorded {@code sent} are not sent again. Null when the run was lost: its
   * lease ran out while this node stalled and another node took it over, so this one stops.
   */
  private DeliveryOutcome deliverWithRetries(
      ReportDefinition definition, Run run, ReportFile file, Leases.Held held)
      throws InterruptedException {
    Retry retry =
        databaseRetry()
            .retryIf(
                e -> {
                  if (e instanceof RunFencedException fenced && fenced.takenOver()) {
                    held.markLost(); // the delivery log refused a write, or the fence saw it
                  }
                  return !held.lost;
                })
            .onRetry(
                (attempt, e, pause) ->
                    log.warn(
                        "run {}: delivery attempt {} failed ({}); retrying in {}, recipients"
                            + " already sent are not sent again",
                        run.id(),
                        attempt,
                        e.getMessage(),
                        pause));
    Retry.Outcome<DeliveryOutcome> outcome =
        retry.run(() -> steps.deliver(definition, run, file, held));
    if (outcome instanceof Retry.Succeeded<DeliveryOutcome> delivered) {
      return delivered.value();
    }
    RuntimeException error = ((Retry.Failed<DeliveryOutcome>) outcome).error();
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("delivery interrupted");
    }
    if (held.lost) {
      log.warn(
          "run {} (attempt {}): stopped delivering, this node no longer holds the run ({})",
          run.id(),
          run.attempt(),
          error.getMessage());
      return null;
    }
    throw error;
  }

  private void finish(
      Run run, RunStatus status, ReportFile file, String error, Duration took, Instant nextFire) {
    RunResult result =
        new RunResult(
            status,
            clock.instant(),
            file == null ? null : file.rows(),
            file == null ? null : file.bytes(),
            file == null ? null : file.sha256(),
            Optional.ofNullable(error),
            // a scheduled fire knows its trigger's next instant; others ask the scheduler
            nextFire != null ? Optional.of(nextFire) : control.nextRunAt(run.scheduleId()));
    Retry retry =
        Retry.with(Backoff.exponential(Duration.ofMillis(500), MAX_DATABASE_BACKOFF))
            .giveUpAfter(DATABASE_PATIENCE)
            .onRetry(
                (attempt, e, pause) ->
                    log.warn(
                        "run {}: could not record its end (try {}: {})",
                        run.id(),
                        attempt,
                        e.toString()))
            .ticker(ticker);
    Retry.Outcome<Optional<FailureStreak>> outcome;
    try {
      outcome =
          retry.run(() -> runLog.finish(run, result, steps.autoPauseAfter(), pauseReason(result)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("could not record the end of run {} ({}): interrupted", run.id(), status.code(), e);
      return;
    }
    if (outcome instanceof Retry.Failed<Optional<FailureStreak>> failed) {
      log.error("could not record the end of run {} ({})", run.id(), status.code(), failed.error());
      return;
    }
    Optional<FailureStreak> streak = ((Retry.Succeeded<Optional<FailureStreak>>) outcome).value();
    meters.finished(run, result, took);
    if (status == RunStatus.SUCCEEDED || status == RunStatus.SKIPPED_EMPTY) {
      log.info(
          "run {} of schedule {} at {} {}",
          run.id(),
          run.scheduleId(),
          run.scheduledFor(),
          status == RunStatus.SUCCEEDED ? "succeeded" : "had no rows: nothing sent");
    } else {
      log.warn(
          "run {} of schedule {} at {} ended {}: {}",
          run.id(),
          run.scheduleId(),
          run.scheduledFor(),
          status.code(),
          error);
    }
    streak.ifPresent(s -> afterEnd(run, result, s));
  }

  /**
   * Once a run's end is recorded (by this node only, once): pauses the trigger of a schedule that
   * failing runs just disabled, and sends the failure alerts; neither ever changes the run.
   */
  private void afterEnd(Run run, RunResult result, FailureStreak streak) {
    if (streak.paused()) {
      try {
        control.pause(run.scheduleId());
      } catch (RuntimeException e) {
        // the schedule is disabled in the host's table; reconciliation pauses its trigger
        log.warn("could not pause the trigger of schedule {}: {}", run.scheduleId(), e.toString());
      }
    }
    if (result.status().isFailure()) {
      try {
        steps.alert(run, result, streak);
      } catch (RuntimeException e) {
        log.error("run {}: failure alerts failed", run.id(), e);
      }
    }
  }

  private String pauseReason(RunResult result) {
    return "paused after "
        + steps.autoPauseAfter()
        + " failed runs in a row; the last failed: "
        + result.error().orElse(result.status().code());
  }

  /** Gives up the runs still in progress: another node recovers them once their leases expire. */
  public int abandonRunning() {
    int n = leases.size();
    leases.abandonAll();
    return n;
  }

  @Override
  public void close() {
    leases.close();
  }
}
