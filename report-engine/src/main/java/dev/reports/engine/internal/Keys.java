package dev.reports.engine.internal;

import java.util.UUID;
import org.quartz.JobKey;
import org.quartz.TriggerKey;

/** Quartz keys: one durable job and one trigger per schedule, named by the schedule id. */
final class Keys {
  static final String SCHEDULES = "report-schedule";
  static final String RUN_NOW = "report-run-now";
  static final String EXPRESSION = "expression";
  static final String ZONE = "zone";
  static final String RUN_ID = "runId";
  static final String REQUESTED_AT = "requestedAt";

  private Keys() {}

  static JobKey job(UUID scheduleId) {
    return JobKey.jobKey(scheduleId.toString(), SCHEDULES);
  }

  static TriggerKey trigger(UUID scheduleId) {
    return TriggerKey.triggerKey(scheduleId.toString(), SCHEDULES);
  }
}
