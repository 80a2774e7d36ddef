package dev.reports.engine.internal;

import dev.reports.engine.run.internal.Fire;
import dev.reports.engine.run.internal.Runner;
import dev.reports.engine.schedule.internal.Specs;
import java.time.Instant;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/**
 * The Quartz job of a schedule: turns a trigger fire (or Quartz's recovery of one that a dead node
 * left unfinished) into a {@link Fire} for the {@link Runner}. A schedule never runs twice at once:
 * Quartz blocks its other triggers while one runs, across the cluster.
 */
@DisallowConcurrentExecution
final class ScheduleJob implements Job {
  private final Runner runner;

  ScheduleJob(Runner runner) {
    this.runner = runner;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    UUID scheduleId = UUID.fromString(context.getJobDetail().getKey().getName());
    boolean recovering = context.isRecovering();
    String group =
        recovering
            ? data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_GROUP)
            : context.getTrigger().getKey().getGroup();
    Instant scheduled;
    Instant fired;
    if (recovering) {
      scheduled =
          millis(data, Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
      fired = millis(data, Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS);
    } else {
      scheduled = context.getScheduledFireTime().toInstant();
      fired = context.getFireTime().toInstant();
    }
    if (Keys.RUN_NOW.equals(group)) {
      runner.fire(
          new Fire(
              scheduleId,
              UUID.fromString(data.getString(Keys.RUN_ID)),
              millis(data, Keys.REQUESTED_AT),
              fired,
              null,
              recovering,
              null));
    } else {
      runner.fire(
          new Fire(
              scheduleId,
              null,
              scheduled,
              fired,
              Specs.stored(data.getString(Keys.EXPRESSION), data.getString(Keys.ZONE)),
              recovering,
              recovering || context.getNextFireTime() == null
                  ? null
                  : context.getNextFireTime().toInstant()));
    }
  }

  private static Instant millis(JobDataMap data, String key) {
    return Instant.ofEpochMilli(Long.parseLong(data.getString(key)));
  }
}
