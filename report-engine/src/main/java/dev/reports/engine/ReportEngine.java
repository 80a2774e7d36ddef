package dev.reports.engine;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.report.ReportSource;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.schedule.Schedule;
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
import javax.sql.DataSource;

/**
 * Runs scheduled reports: each schedule is one clustered trigger that fires at its own instant in
 * its own time zone; a fire reads the report, writes the CSV and delivers it to every recipient,
 * recording each delivery.
 *
 * <pre>{@code
 * ReportEngine engine = ReportEngine.builder(dataSource)
 *     .reportDefinitions(definitions)
 *     .reportSource(source)
 *     .recipients(resolver)
 *     .deliveryLog(deliveryLog)
 *     .runLog(runLog)
 *     .channel(DeliveryChannels.outbox(Path.of("outbox")))
 *     .build();
 * engine.start();
 * engine.schedule(new Schedule(id, ScheduleSpec.daily(LocalTime.of(9, 30), zone), true));
 * }</pre>
 */
public final class ReportEngine implements AutoCloseable {
  public static final String DEFAULT_SCHEDULER_NAME = "scheduled-reports";
  public static final int DEFAULT_THREADS = 8;
  public static final Duration DEFAULT_MINIMUM_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_MISSED_RUN_GRACE = Duration.ofHours(6);
  public static final int DEFAULT_REPORT_ATTEMPTS = 3;
  public static final Duration DEFAULT_REPORT_RETRY_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(5);

  private final Builder config;

  private ReportEngine(Builder config) {
    this.config = config;
  }

  /** Starts building an engine on this PostgreSQL data source (it holds the Quartz tables). */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Joins the cluster and starts firing schedules. */
  public void start() {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /**
   * Stops firing; running reports get up to {@code timeout} to finish, and what is still running
   * then is left for another node's recovery, never cut mid-delivery without a record.
   */
  public void stop(Duration timeout) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /**
   * Creates or replaces the trigger of this schedule (paused when it is disabled) and returns its
   * next fire instant; throws {@link dev.reports.engine.schedule.InvalidScheduleException}.
   */
  public Optional<Instant> schedule(Schedule schedule) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /**
   * Checks a spec without scheduling it; throws {@link
   * dev.reports.engine.schedule.InvalidScheduleException}.
   */
  public void validate(ScheduleSpec spec) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** Stops this schedule from firing until {@link #resume}. */
  public void pause(UUID scheduleId) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** Lets a paused schedule fire again, from its next instant. */
  public void resume(UUID scheduleId) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** Removes the schedule's trigger; its run and delivery history stay. */
  public void unschedule(UUID scheduleId) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** Starts a run of this schedule now, outside its schedule; returns the run id. */
  public UUID runNow(UUID scheduleId) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** The next {@code count} instants this schedule fires at, as its trigger computes them. */
  public List<Instant> upcoming(UUID scheduleId, int count) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** The first {@code count} instants a schedule with this spec would fire at, from now. */
  public List<Instant> upcoming(ScheduleSpec spec, int count) {
    throw new UnsupportedOperationException("not implemented yet (issue 3)");
  }

  /** Builds a {@link ReportEngine}; every port is required unless said otherwise. */
  public static final class Builder {
    final DataSource dataSource;
    ReportDefinitions reportDefinitions;
    ReportSource reportSource;
    RecipientResolver recipients;
    DeliveryLog deliveryLog;
    RunLog runLog;
    final List<DeliveryChannel> channels = new ArrayList<>();
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
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    boolean csvByteOrderMark;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public Builder reportDefinitions(ReportDefinitions reportDefinitions) {
      this.reportDefinitions = reportDefinitions;
      return this;
    }

    public Builder reportSource(ReportSource reportSource) {
      this.reportSource = reportSource;
      return this;
    }

    public Builder recipients(RecipientResolver recipients) {
      this.recipients = recipients;
      return this;
    }

    public Builder deliveryLog(DeliveryLog deliveryLog) {
      this.deliveryLog = deliveryLog;
      return this;
    }

    public Builder runLog(RunLog runLog) {
      this.runLog = runLog;
      return this;
    }

    /** Adds a delivery channel; one per {@link dev.reports.engine.delivery.Channel}. */
    public Builder channel(DeliveryChannel channel) {
      this.channels.add(channel);
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

    /** Where CSV files are written while their run needs them; default the temp folder. */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /** Starts every CSV with a UTF-8 byte order mark, for Excel; default off. */
    public Builder csvByteOrderMark(boolean csvByteOrderMark) {
      this.csvByteOrderMark = csvByteOrderMark;
      return this;
    }

    public ReportEngine build() {
      return new ReportEngine(this);
    }
  }
}
