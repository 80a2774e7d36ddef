package dev.reports.engine;

import dev.reports.engine.alert.AlertTargets;
import dev.reports.engine.alert.internal.FailureAlerter;
import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.delivery.internal.DatabaseRateLimiter;
import dev.reports.engine.delivery.internal.DeliveryRunner;
import dev.reports.engine.delivery.internal.JdbcDeliveryLog;
import dev.reports.engine.delivery.internal.RateLimitedChannel;
import dev.reports.engine.internal.QuartzEngine;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.internal.JdbcRunLog;
import dev.reports.engine.run.internal.RunSteps;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.ScheduleSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs scheduled reports: each schedule is one clustered trigger that fires at its own instant in
 * its own time zone; a fire reads the report, writes the CSV and delivers it to every recipient,
 * recording each delivery.
 * <!-- sample: DataSource dataSource; ReportDefinitions definitions; RecipientResolver resolver;
 * UUID id; ZoneId zone -->
 *
 * <pre>{@code
 * ReportEngine.migrate(dataSource); // the engine's tables, once per deployment
 * ReportEngine engine = ReportEngine.builder(dataSource)
 *     .reportDefinitions(definitions)
 *     .recipients(resolver)
 *     .channel(DeliveryChannels.outbox(Channel.EMAIL, Path.of("outbox")))
 *     .build();
 * engine.start();
 * engine.schedule(new Schedule(id, ScheduleSpec.daily(LocalTime.of(9, 30), zone), true));
 * }</pre>
 */
public final class ReportEngine implements AutoCloseable {
  /** The cluster's name when none is given. */
  public static final String DEFAULT_SCHEDULER_NAME = "scheduled-reports";

  /** Reports run at once on a node when not set. */
  public static final int DEFAULT_THREADS = 8;

  /** The shortest interval a cron may fire at when not set. */
  public static final Duration DEFAULT_MINIMUM_INTERVAL = Duration.ofHours(1);

  /** How late a passed instant still runs when not set. */
  public static final Duration DEFAULT_MISSED_RUN_GRACE = Duration.ofHours(6);

  /** Attempts to generate a report when not set. */
  public static final int DEFAULT_REPORT_ATTEMPTS = 3;

  /** The first pause between report attempts when not set. */
  public static final Duration DEFAULT_REPORT_RETRY_BACKOFF = Duration.ofSeconds(5);

  /** How often schedules and triggers are reconciled when not set. */
  public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(5);

  /** How long a run's claim survives its node's silence when not set. */
  public static final Duration DEFAULT_RUN_LEASE = Duration.ofSeconds(30);

  /** Failed runs in a row that pause a schedule when not set. */
  public static final int DEFAULT_AUTO_PAUSE_AFTER = 5;

  private final EngineSettings settings;
  private final QuartzEngine engine;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ReportEngine(EngineSettings settings, QuartzEngine engine) {
    this.settings = settings;
    this.engine = engine;
  }

  /**
   * Starts building an engine on this PostgreSQL (or H2) data source, which holds the engine's
   * tables ({@link EngineSchema}).
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Creates or upgrades the engine's tables (no table prefix) on this data source; see {@link
   * EngineSchema} for a prefix or the host's own Flyway.
   */
  public static EngineSchema.Migrated migrate(DataSource dataSource) {
    return EngineSchema.defaults().migrate(dataSource);
  }

  /** The settings this engine runs with. */
  public EngineSettings settings() {
    return settings;
  }

  /**
   * Joins the cluster and starts firing schedules; reconciles schedules and triggers first (and
   * every {@code reconcileEvery} after).
   */
  public void start() {
    engine.start();
  }

  /**
   * Stops firing; running reports get up to {@code timeout} to finish, and what is still running
   * then is left for another node's recovery, never cut mid-delivery without a record.
   */
  public void stop(Duration timeout) {
    if (stopped.compareAndSet(false, true)) {
      engine.stop(timeout);
    }
  }

  /** Whether this node fires schedules now: started, and not stopped. */
  public boolean isRunning() {
    return !stopped.get() && engine.isRunning();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /**
   * Creates or replaces the trigger of this schedule (paused when it is disabled) and returns its
   * next fire instant (empty when disabled); throws {@link
   * dev.reports.engine.schedule.InvalidScheduleException}. Scheduling the same spec again keeps the
   * trigger's next fire instant.
   */
  public Optional<Instant> schedule(Schedule schedule) {
    return engine.schedule(schedule);
  }

  /**
   * Checks a spec without scheduling it; throws {@link
   * dev.reports.engine.schedule.InvalidScheduleException} naming every bad field as the HTTP API
   * names it.
   */
  public void validate(ScheduleSpec spec) {
    engine.validate(spec);
  }

  /** Stops this schedule from firing until {@link #resume}. */
  public void pause(UUID scheduleId) {
    engine.pause(scheduleId);
  }

  /** Lets a paused schedule fire again, from its next instant after now. */
  public void resume(UUID scheduleId) {
    engine.resume(scheduleId);
  }

  /** Removes the schedule's trigger; its run and delivery history stay. */
  public void unschedule(UUID scheduleId) {
    engine.unschedule(scheduleId);
  }

  /**
   * Starts a run of this schedule now, outside its schedule and without changing its next run (any
   * node of the cluster may run it); returns the run id. Throws {@link ReportEngineException} when
   * the schedule is not scheduled.
   */
  public UUID runNow(UUID scheduleId) {
    return engine.runNow(scheduleId, UUID.randomUUID());
  }

  /**
   * Like {@link #runNow(UUID)}, under a run id the caller chose (a host that records the request
   * before the run starts); every manual run is its own run, however close together they are asked
   * for. Throws {@link ReportEngineException} when the schedule is not scheduled or the id was
   * already used.
   */
  public UUID runNow(UUID scheduleId, UUID runId) {
    return engine.runNow(scheduleId, Objects.requireNonNull(runId, "runId"));
  }

  /**
   * The next {@code count} instants this schedule fires at, read from its trigger; empty when it is
   * paused or not scheduled.
   */
  public List<Instant> upcoming(UUID scheduleId, int count) {
    return engine.upcoming(scheduleId, count);
  }

  /** The first {@code count} instants a schedule with this spec would fire at, from now. */
  public List<Instant> upcoming(ScheduleSpec spec, int count) {
    return engine.upcoming(spec, count);
  }

  /** Reconciles schedules and triggers now; returns how many repairs it made. */
  public int reconcile() {
    return engine.reconcile().total();
  }

  /** Builds a {@link ReportEngine}; every port is required unless said otherwise. */
  public static final class Builder {
    final DataSource dataSource;
    ReportDefinitions reportDefinitions;
    RecipientResolver recipients;
    DeliveryLog deliveryLog;
    RunLog runLog;
    final List<DeliveryChannel> channels = new ArrayList<>();
    RateLimiter rateLimiter;
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    Clock clock = Clock.systemUTC();
    String schedulerName = DEFAULT_SCHEDULER_NAME;
    String nodeId;
    int threads = DEFAULT_THREADS;
    Duration minimumInterval = DEFAULT_MINIMUM_INTERVAL;
    Duration missedRunGrace = DEFAULT_MISSED_RUN_GRACE;
    int reportAttempts = DEFAULT_REPORT_ATTEMPTS;
    Duration reportRetryBackoff = DEFAULT_REPORT_RETRY_BACKOFF;
    Duration reconcileEvery = DEFAULT_RECONCILE_EVERY;
    Duration runLease = DEFAULT_RUN_LEASE;
    ScheduleCatalog catalog;
    AlertTargets alertTargets;
    int autoPauseAfter = DEFAULT_AUTO_PAUSE_AFTER;
    // Seams for the engine's own tests, package-private so no embedder sees them (the test jar's
    // dev.reports.engine.EngineTestHooks sets them; ApiSurfaceTest checks the Builder exposes
    // none).
    boolean secondsInCron;
    boolean quartzFiring;
    RunSteps steps;
    Function<ReportRequest, ReportFile> export;
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    boolean csvByteOrderMark;
    String tablePrefix = "";

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * What each schedule runs — its {@link dev.reports.engine.report.Report}, zone and channels —
     * read when it runs.
     */
    public Builder reportDefinitions(ReportDefinitions reportDefinitions) {
      this.reportDefinitions = reportDefinitions;
      return this;
    }

    /** Who receives a schedule's report, resolved when it runs. */
    public Builder recipients(RecipientResolver recipients) {
      this.recipients = recipients;
      return this;
    }

    /**
     * Where deliveries are recorded; optional. Default: the engine's JDBC delivery log on its own
     * table, fenced by the engine's run ledger (so a host that gives its own {@link #runLog} gives
     * its own delivery log too).
     */
    public Builder deliveryLog(DeliveryLog deliveryLog) {
      this.deliveryLog = deliveryLog;
      return this;
    }

    /** The run ledger; optional. Default: the engine's JDBC run ledger on its own table. */
    public Builder runLog(RunLog runLog) {
      this.runLog = runLog;
      return this;
    }

    /**
     * Adds a delivery channel, a built-in one ({@link
     * dev.reports.engine.delivery.DeliveryChannels}) or the host's own; one per {@link
     * dev.reports.engine.delivery.Channel}. Every channel gets the engine's retries, rate limits,
     * delivery log and fencing.
     */
    public Builder channel(DeliveryChannel channel) {
      this.channels.add(channel);
      return this;
    }

    /**
     * Where the engine's channels keep their providers' rate limits; optional. Default: on
     * PostgreSQL, the database, so the limits hold across every node of the cluster ({@link
     * dev.reports.engine.delivery.RateLimiters#database}); on another database, this JVM.
     */
    public Builder rateLimiter(RateLimiter rateLimiter) {
      this.rateLimiter = rateLimiter;
      return this;
    }

    /** Where fire lateness, run durations and outcomes are recorded; optional. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    /** Optional; tests move time with it. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The cluster's name; default {@value ReportEngine#DEFAULT_SCHEDULER_NAME}. */
    public Builder schedulerName(String schedulerName) {
      this.schedulerName = schedulerName;
      return this;
    }

    /** This node's id, unique in the cluster; default generated. */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /** Reports run at once on this node; default {@value ReportEngine#DEFAULT_THREADS}. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** A cron may not fire more often than this; default one hour. */
    public Builder minimumInterval(Duration minimumInterval) {
      this.minimumInterval = minimumInterval;
      return this;
    }

    /** A passed instant still runs, once, when found this late; default six hours. */
    public Builder missedRunGrace(Duration missedRunGrace) {
      this.missedRunGrace = missedRunGrace;
      return this;
    }

    /** Attempts to generate a report, and the first pause between them (doubled each time). */
    public Builder reportRetries(int attempts, Duration firstBackoff) {
      this.reportAttempts = attempts;
      this.reportRetryBackoff = firstBackoff;
      return this;
    }

    /** How often schedules and triggers are reconciled; default five minutes. */
    public Builder reconcileEvery(Duration reconcileEvery) {
      this.reconcileEvery = reconcileEvery;
      return this;
    }

    /**
     * The host's schedules, for the reconciler to recreate missing triggers and remove orphaned
     * ones; optional.
     */
    public Builder scheduleCatalog(ScheduleCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    /**
     * How long a run's claim survives its node's silence before another node may take it over;
     * default 30 seconds. The node renews it every third of that while the run is in progress.
     */
    public Builder runLease(Duration runLease) {
      this.runLease = runLease;
      return this;
    }

    /**
     * Who is told when a run fails for good (after the engine's own retries); optional: without it,
     * no alerts are sent. Alerts go through this engine's channels, rate limits and delivery log,
     * one per (run, recipient).
     */
    public Builder alertTargets(AlertTargets alertTargets) {
      this.alertTargets = alertTargets;
      return this;
    }

    /**
     * After this many failed runs in a row (scheduled, manual or catch-up; a partially failed run
     * counts, a succeeded one resets the count, a skipped one leaves it) the schedule is disabled
     * and its trigger paused; 0 never pauses. Default {@value
     * ReportEngine#DEFAULT_AUTO_PAUSE_AFTER}. Counting needs a {@link RunLog} that counts (the
     * engine's JDBC one does).
     */
    public Builder autoPauseAfter(int autoPauseAfter) {
      this.autoPauseAfter = autoPauseAfter;
      return this;
    }

    /** Where CSV files are written while their run needs them; default the temp folder. */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /**
     * Put in front of the name of every table of the engine (Quartz's, the rate-limit permits, the
     * run ledger and delivery log); default none. The tables must have been created with the same
     * prefix ({@link EngineSchema#withPrefix}).
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /** Starts every CSV with a UTF-8 byte order mark, for Excel; default off. */
    public Builder csvByteOrderMark(boolean csvByteOrderMark) {
      this.csvByteOrderMark = csvByteOrderMark;
      return this;
    }

    /**
     * Builds the engine: checks the settings and ports (a bad one is a {@link
     * ReportEngineException} naming it), creates this node's scheduler on the data source, but does
     * not start firing ({@link ReportEngine#start}).
     */
    public ReportEngine build() {
      require(reportDefinitions, "reportDefinitions");
      EngineSchema schema = new EngineSchema(tablePrefix == null ? "" : tablePrefix);
      if (runLog != null && deliveryLog == null && steps == null) {
        throw new ReportEngineException(
            "deliveryLog is required with a runLog of the host's own: the engine's delivery log"
                + " is fenced by the engine's run ledger");
      }
      RunLog runLog = this.runLog != null ? this.runLog : new JdbcRunLog(dataSource, schema);
      DeliveryLog deliveryLog =
          this.deliveryLog != null || this.runLog != null
              ? this.deliveryLog
              : new JdbcDeliveryLog(dataSource, schema);
      if (steps == null) {
        require(recipients, "recipients");
        if (channels.isEmpty()) {
          throw new ReportEngineException("at least one delivery channel is required");
        }
      }
      require(meterRegistry, "meterRegistry");
      require(clock, "clock");
      require(workDir, "workDir");
      if (schedulerName == null || schedulerName.isBlank() || schedulerName.length() > 120) {
        throw new ReportEngineException("schedulerName must be 1 to 120 characters");
      }
      String node = nodeId == null || nodeId.isBlank() ? generatedNodeId() : nodeId.trim();
      if (node.length() > 100) {
        throw new ReportEngineException("nodeId must be at most 100 characters");
      }
      if (threads < 1) {
        throw new ReportEngineException("threads must be at least 1, was " + threads);
      }
      if (reportAttempts < 1) {
        throw new ReportEngineException(
            "report attempts must be at least 1, was " + reportAttempts);
      }
      positive(minimumInterval, "minimumInterval");
      positive(missedRunGrace, "missedRunGrace");
      positive(reportRetryBackoff, "reportRetryBackoff");
      positive(reconcileEvery, "reconcileEvery");
      positive(runLease, "runLease");
      EngineSettings settings =
          new EngineSettings(
              schedulerName,
              node,
              threads,
              minimumInterval,
              missedRunGrace,
              reportAttempts,
              reportRetryBackoff,
              reconcileEvery,
              runLease,
              workDir,
              csvByteOrderMark);
      if (autoPauseAfter < 0) {
        throw new ReportEngineException(
            "autoPauseAfter must be 0 (never) or more, was " + autoPauseAfter);
      }
      List<DeliveryChannel> limited = rateLimited(channels, schema);
      RunSteps runSteps;
      if (steps != null) {
        runSteps = steps;
      } else {
        DeliveryRunner deliveries =
            new DeliveryRunner(limited, recipients, deliveryLog, meterRegistry);
        runSteps =
            export != null
                ? RunSteps.of(export, deliveries)
                : RunSteps.of(new CsvExporter(workDir, csvByteOrderMark), deliveries);
      }
      FailureAlerter alerter =
          alertTargets == null || deliveryLog == null
              ? null
              : new FailureAlerter(
                  limited, deliveryLog, alertTargets, reportDefinitions, meterRegistry);
      runSteps = runSteps.withAlerts(alerter, autoPauseAfter);
      QuartzEngine engine =
          new QuartzEngine(
              dataSource,
              schema,
              settings,
              secondsInCron,
              quartzFiring,
              reportDefinitions,
              runLog,
              runSteps,
              catalog,
              meterRegistry,
              clock);
      return new ReportEngine(settings, engine);
    }

    /** The channels, those that keep rate limits keeping them with this engine's limiter. */
    private List<DeliveryChannel> rateLimited(List<DeliveryChannel> channels, EngineSchema schema) {
      RateLimiter limiter = rateLimiter;
      List<DeliveryChannel> limited = new ArrayList<>();
      for (DeliveryChannel channel : channels) {
        if (RateLimitedChannel.needsLimiter(channel)) {
          if (limiter == null) {
            limiter =
                DatabaseRateLimiter.defaultFor(
                    dataSource, schema.table(DatabaseRateLimiter.DEFAULT_TABLE));
          }
          limited.add(RateLimitedChannel.keptBy(channel, limiter));
        } else {
          limited.add(channel);
        }
      }
      return limited;
    }

    private static void require(Object port, String name) {
      if (port == null) {
        throw new ReportEngineException(name + " is required");
      }
    }

    private static void positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new ReportEngineException(name + " must be a positive duration, was " + d);
      }
    }

    private static String generatedNodeId() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "node";
      }
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      return (host.length() > 60 ? host.substring(0, 60) : host) + "-" + suffix;
    }
  }
}
