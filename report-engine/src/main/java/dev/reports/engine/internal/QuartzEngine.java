package dev.reports.engine.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.EngineSettings;
import dev.reports.engine.ReportEngineException;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.internal.RunSteps;
import dev.reports.engine.run.internal.Runner;
import dev.reports.engine.run.internal.ScheduleControl;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.schedule.internal.Recurrence;
import dev.reports.engine.schedule.internal.Specs;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine on Quartz: a clustered JDBC job store on the host's data source, one durable job and
 * one {@link RecurrenceTrigger} per schedule, the {@link Runner} as every job's body, and the
 * {@link Reconciler}.
 */
public final class QuartzEngine implements ScheduleControl {
  private static final Logger log = LoggerFactory.getLogger(QuartzEngine.class);
  // Quartz keeps schedulers in a JVM-wide repository by name, and every node of a cluster has the
  // same name; creation is serialized and the new scheduler taken out of the repository at once.
  private static final Object CREATE_LOCK = new Object();
  private static final long IDLE_WAIT_MS = 5_000;
  private static final long BATCH_WINDOW_MS = 1_000;

  private final EngineSettings settings;
  private final Specs specs;
  private final Clock clock;
  private final ScheduleStore store;
  private final RunPool pool;
  private final PlannerStatistics statistics;
  private final Scheduler scheduler;
  private final Runner runner;
  private final Reconciler reconciler;
  private ScheduledExecutorService reconcileTimer;

  public QuartzEngine(
      DataSource dataSource,
      EngineSchema schema,
      EngineSettings settings,
      boolean secondsInCron,
      boolean quartzFiring,
      ReportDefinitions definitions,
      RunLog runLog,
      RunSteps steps,
      ScheduleCatalog catalog,
      MeterRegistry meters,
      Clock clock) {
    // refuse at once, naming what is missing: Quartz would retry a missing table as an outage
    schema.check(dataSource);
    this.settings = settings;
    this.specs = new Specs(settings.minimumInterval(), secondsInCron);
    this.clock = clock;
    this.runner = new Runner(settings, definitions, runLog, steps, this, meters, clock);
    // quartzFiring (a test hook): Quartz's own per-trigger firing, the benchmarks' baseline.
    Class<?> delegate = delegateFor(dataSource);
    this.statistics =
        PlannerStatistics.of(
            dataSource,
            delegate == PostgreSQLDelegate.class,
            schema.quartzTablePrefix(),
            settings.nodeId());
    this.store = new ScheduleStore(!quartzFiring, statistics);
    this.pool =
        new RunPool(
            settings.threads(),
            quartzFiring ? 0 : settings.threads(),
            "reports-" + settings.nodeId() + "-run");
    this.scheduler = createScheduler(dataSource, schema, delegate, settings, store, pool, runner);
    this.reconciler =
        new Reconciler(store, specs, catalog, this::job, this::trigger, meters, clock);
  }

  private static Scheduler createScheduler(
      DataSource dataSource,
      EngineSchema schema,
      Class<?> delegate,
      EngineSettings settings,
      ScheduleStore store,
      RunPool pool,
      Runner runner) {
    String dataSourceName = "reports-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new DataSourceConnections(dataSource));
    try {
      store.setDataSource(dataSourceName);
      store.setTablePrefix(schema.quartzTablePrefix());
      store.setIsClustered(true);
      store.setClusterCheckinInterval(checkinInterval(settings.runLease()));
      store.setAcquireTriggersWithinLock(true);
      store.setDriverDelegateClass(delegate.getName());
      store.setDriverDelegateInitString(
          "triggerPersistenceDelegateClasses=" + RecurrenceTriggerPersistence.class.getName());
      store.setUseProperties("true");
      store.setMisfireThreshold(60_000);
      store.setDbRetryInterval(5_000);
      store.setMakeThreadsDaemons(true);

      synchronized (CREATE_LOCK) {
        SchedulerRepository repository = SchedulerRepository.getInstance();
        DirectSchedulerFactory.getInstance()
            .createScheduler(
                settings.schedulerName(),
                settings.nodeId(),
                pool,
                new org.quartz.impl.DefaultThreadExecutor(),
                store,
                null,
                null,
                0,
                IDLE_WAIT_MS,
                5_000,
                false,
                null,
                pool.capacity(),
                BATCH_WINDOW_MS,
                true);
        Scheduler scheduler = repository.lookup(settings.schedulerName());
        repository.remove(settings.schedulerName());
        scheduler.setJobFactory((bundle, s) -> new ScheduleJob(runner));
        return scheduler;
      }
    } catch (SchedulerException | org.quartz.impl.jdbcjobstore.InvalidConfigurationException e) {
      throw new ReportEngineException("could not create the scheduler: " + e.getMessage(), e);
    }
  }

  // Quartz declares a node dead about check-in interval + 7.5 s after its last check-in; keep that
  // in step with the run lease so a recovered run can be taken over soon after.
  private static long checkinInterval(Duration lease) {
    return Math.max(1_000, Math.min(7_500, lease.toMillis() / 4));
  }

  private static Class<?> delegateFor(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgresql")) {
        return PostgreSQLDelegate.class;
      }
      if (!product.contains("h2")) {
        log.warn(
            "database {} is neither PostgreSQL nor H2; using Quartz's standard delegate", product);
      }
      return StdJDBCDelegate.class;
    } catch (SQLException e) {
      throw new ReportEngineException("cannot reach the database: " + e.getMessage(), e);
    }
  }

  /** Joins the cluster, reconciles, and starts firing. */
  public void start() {
    statistics.analyze();
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new ReportEngineException("could not start the scheduler: " + e.getMessage(), e);
    }
    reconciler.reconcileQuietly();
    reconcileTimer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "reports-reconciler-" + settings.nodeId());
              t.setDaemon(true);
              return t;
            });
    long every = settings.reconcileEvery().toMillis();
    reconcileTimer.scheduleWithFixedDelay(
        reconciler::reconcileQuietly, every, every, TimeUnit.MILLISECONDS);
    log.info(
        "report engine node {} of cluster {} started with {} threads",
        settings.nodeId(),
        settings.schedulerName(),
        settings.threads());
  }

  /** Whether the scheduler has started and is neither paused nor shut down. */
  public boolean isRunning() {
    try {
      return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Stops firing, waits up to {@code timeout} for runs in progress, then leaves the rest. */
  public void stop(Duration timeout) {
    if (reconcileTimer != null) {
      reconcileTimer.shutdownNow();
    }
    try {
      if (scheduler.isShutdown()) {
        return;
      }
      scheduler.standby();
      // Fires running and fires waiting for a thread alike.
      int left = pool.awaitIdle(timeout);
      if (left > 0) {
        runner.abandonRunning();
        log.warn(
            "stopping with {} run(s) still in progress; another node takes them over once their"
                + " leases expire",
            left);
      }
      scheduler.shutdown(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdownQuietly();
    } catch (SchedulerException e) {
      shutdownQuietly();
      throw new ReportEngineException("could not stop the scheduler: " + e.getMessage(), e);
    } finally {
      runner.close();
      statistics.close();
    }
  }

  private void shutdownQuietly() {
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException ignored) {
      // already reported
    }
  }

  public void validate(ScheduleSpec spec) {
    specs.recurrence(spec);
  }

  public Optional<Instant> schedule(Schedule schedule) {
    Recurrence recurrence = specs.recurrence(schedule.spec());
    try {
      store.put(
          job(schedule.id(), recurrence), trigger(schedule.id(), recurrence), !schedule.enabled());
    } catch (JobPersistenceException e) {
      throw new ReportEngineException(
          "could not schedule " + schedule.id() + ": " + e.getMessage(), e);
    }
    return nextRunAt(schedule.id());
  }

  JobDetail job(UUID scheduleId, Recurrence recurrence) {
    return JobBuilder.newJob(ScheduleJob.class)
        .withIdentity(Keys.job(scheduleId))
        .storeDurably()
        .requestRecovery()
        .usingJobData(Keys.EXPRESSION, recurrence.cron().expression())
        .usingJobData(Keys.ZONE, recurrence.zone().getId())
        .build();
  }

  RecurrenceTrigger trigger(UUID scheduleId, Recurrence recurrence) {
    return (RecurrenceTrigger)
        TriggerBuilder.newTrigger()
            .withIdentity(Keys.trigger(scheduleId))
            .forJob(Keys.job(scheduleId))
            .startAt(Date.from(clock.instant()))
            .withSchedule(
                new RecurrenceTrigger.Builder(
                    recurrence.cron().expression(), recurrence.zone().getId()))
            .build();
  }

  @Override
  public void pause(UUID scheduleId) {
    try {
      scheduler.pauseTrigger(Keys.trigger(scheduleId));
    } catch (SchedulerException e) {
      throw new ReportEngineException("could not pause " + scheduleId + ": " + e.getMessage(), e);
    }
  }

  public void resume(UUID scheduleId) {
    try {
      store.resume(Keys.trigger(scheduleId), Date.from(clock.instant()));
    } catch (JobPersistenceException e) {
      throw new ReportEngineException("could not resume " + scheduleId + ": " + e.getMessage(), e);
    }
  }

  public void unschedule(UUID scheduleId) {
    try {
      // The job and all its triggers in one transaction. Quartz's deleteJob lists the triggers
      // first and fails when a run-now trigger completes and goes away before it is removed.
      store.removeJob(Keys.job(scheduleId));
    } catch (JobPersistenceException e) {
      throw new ReportEngineException(
          "could not unschedule " + scheduleId + ": " + e.getMessage(), e);
    }
  }

  public UUID runNow(UUID scheduleId, UUID runId) {
    Instant now = clock.instant();
    try {
      if (!scheduler.checkExists(Keys.job(scheduleId))) {
        throw new ReportEngineException("schedule " + scheduleId + " is not scheduled");
      }
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(runId.toString(), Keys.RUN_NOW)
              .forJob(Keys.job(scheduleId))
              .usingJobData(Keys.RUN_ID, runId.toString())
              .usingJobData(Keys.REQUESTED_AT, Long.toString(now.toEpochMilli()))
              .startAt(Date.from(now))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      scheduler.scheduleJob(trigger);
      return runId;
    } catch (SchedulerException e) {
      throw new ReportEngineException("could not run " + scheduleId + " now: " + e.getMessage(), e);
    }
  }

  public List<Instant> upcoming(UUID scheduleId, int count) {
    try {
      Trigger trigger = scheduler.getTrigger(Keys.trigger(scheduleId));
      if (!(trigger instanceof RecurrenceTrigger r)
          || r.getNextFireTime() == null
          || paused(scheduleId)) {
        return List.of();
      }
      List<Instant> instants = new ArrayList<>(count);
      if (count > 0) {
        Instant first = r.getNextFireTime().toInstant();
        instants.add(first);
        instants.addAll(r.recurrence().next(first, count - 1));
      }
      return instants;
    } catch (SchedulerException e) {
      throw new ReportEngineException("could not read " + scheduleId + ": " + e.getMessage(), e);
    }
  }

  public List<Instant> upcoming(ScheduleSpec spec, int count) {
    return specs.recurrence(spec).next(clock.instant().minusMillis(1), count);
  }

  private boolean paused(UUID scheduleId) throws SchedulerException {
    Trigger.TriggerState state = scheduler.getTriggerState(Keys.trigger(scheduleId));
    return state == Trigger.TriggerState.PAUSED || state == Trigger.TriggerState.NONE;
  }

  @Override
  public Optional<Instant> nextRunAt(UUID scheduleId) {
    List<Instant> next = upcoming(scheduleId, 1);
    return next.isEmpty() ? Optional.empty() : Optional.of(next.get(0));
  }

  @Override
  public void remove(UUID scheduleId) {
    unschedule(scheduleId);
  }

  /** Runs the reconciler once now (also done at start and every {@code reconcileEvery}). */
  public Reconciler.Report reconcile() {
    return reconciler.reconcile();
  }
}
