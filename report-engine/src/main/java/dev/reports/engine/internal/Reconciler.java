package dev.reports.engine.internal;

import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleCatalog;
import dev.reports.engine.schedule.internal.Recurrence;
import dev.reports.engine.schedule.internal.Specs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs drift between the host's schedules and the scheduler's triggers: an existing schedule
 * without a trigger (or with one of another spec or enabled state), a trigger whose schedule is
 * gone, and a trigger Quartz put in its ERROR state. Each repair is a compare-and-set against what
 * was read, so a change made meanwhile through the engine's API is never undone. Logs every repair
 * and counts it in {@code reports.reconcile.repairs} (tag {@code repair}).
 */
final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /** What one pass repaired. */
  public record Report(int created, int updated, int removed, int errorsCleared) {
    public int total() {
      return created + updated + removed + errorsCleared;
    }
  }

  private final ScheduleStore store;
  private final Specs specs;
  private final ScheduleCatalog catalog;
  private final BiFunction<UUID, Recurrence, JobDetail> jobs;
  private final BiFunction<UUID, Recurrence, RecurrenceTrigger> triggers;
  private final MeterRegistry meters;

  Reconciler(
      ScheduleStore store,
      Specs specs,
      ScheduleCatalog catalog,
      BiFunction<UUID, Recurrence, JobDetail> jobs,
      BiFunction<UUID, Recurrence, RecurrenceTrigger> triggers,
      MeterRegistry meters,
      Clock clock) {
    this.store = store;
    this.specs = specs;
    this.catalog = catalog;
    this.jobs = jobs;
    this.triggers = triggers;
    this.meters = meters;
  }

  void reconcileQuietly() {
    try {
      Report report = reconcile();
      if (report.total() > 0) {
        log.info("reconciler repaired {}", report);
      }
    } catch (RuntimeException e) {
      log.warn("reconciliation failed; retrying at the next pass", e);
    }
  }

  Report reconcile() {
    int created = 0;
    int updated = 0;
    int removed = 0;
    int errors = 0;
    try {
      // Triggers first, then schedules: a schedule changed in between is seen in its new form and
      // its trigger's compare-and-set fails, rather than the other way round.
      Map<String, ScheduleStore.TriggerRow> rows = new HashMap<>();
      for (ScheduleStore.TriggerRow row : store.rows(Keys.SCHEDULES, Keys.SCHEDULES)) {
        rows.put(row.scheduleId(), row);
      }
      if (catalog != null) {
        List<Schedule> schedules = catalog.all();
        for (Schedule schedule : schedules) {
          ScheduleStore.TriggerRow row = rows.remove(schedule.id().toString());
          Recurrence recurrence;
          try {
            recurrence = specs.recurrence(schedule.spec());
          } catch (InvalidScheduleException e) {
            log.warn(
                "schedule {} has an invalid spec ({}); not scheduling it",
                schedule.id(),
                e.getMessage());
            continue;
          }
          String repair = needs(row, schedule, recurrence);
          if (repair == null) {
            continue;
          }
          if (store.repair(
              row,
              jobs.apply(schedule.id(), recurrence),
              triggers.apply(schedule.id(), recurrence),
              !schedule.enabled())) {
            log.info("reconciler: {} for schedule {}", repair, schedule.id());
            count(repair);
            switch (repair) {
              case "created missing trigger" -> created++;
              case "cleared error state" -> errors++;
              default -> updated++;
            }
          }
        }
        for (ScheduleStore.TriggerRow orphan : rows.values()) {
          UUID id = UUID.fromString(orphan.scheduleId());
          if (store.removeIf(orphan, Keys.job(id), Keys.trigger(id))) {
            log.info("reconciler: removed the trigger of schedule {}, which no longer exists", id);
            count("removed orphan trigger");
            removed++;
          }
        }
      } else {
        for (ScheduleStore.TriggerRow row : rows.values()) {
          if (row.error() && row.expression() != null) {
            UUID id = UUID.fromString(row.scheduleId());
            Recurrence recurrence = Specs.stored(row.expression(), row.zone());
            if (store.repair(
                row, jobs.apply(id, recurrence), triggers.apply(id, recurrence), false)) {
              log.info("reconciler: cleared error state for schedule {}", id);
              count("cleared error state");
              errors++;
            }
          }
        }
      }
    } catch (JobPersistenceException e) {
      throw new IllegalStateException("reconciliation failed: " + e.getMessage(), e);
    }
    return new Report(created, updated, removed, errors);
  }

  private static String needs(ScheduleStore.TriggerRow row, Schedule schedule, Recurrence r) {
    if (row == null || !row.exists()) {
      return "created missing trigger";
    }
    if (row.error()) {
      return "cleared error state";
    }
    if (!r.cron().expression().equals(row.expression()) || !r.zone().getId().equals(row.zone())) {
      return "updated trigger to the schedule's spec";
    }
    if (schedule.enabled() == row.paused()) {
      return schedule.enabled() ? "resumed enabled schedule" : "paused disabled schedule";
    }
    return null;
  }

  private void count(String repair) {
    Counter.builder("reports.reconcile.repairs")
        .description("Drift repaired by the reconciler")
        .tag("repair", repair.replace(' ', '_'))
        .register(meters)
        .increment();
  }
}
