package dev.reports.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.FiredTriggerRecord;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.spi.TriggerFiredResult;

/**
 * Quartz's JDBC job store plus the few operations the engine needs to be atomic: replacing a
 * schedule's job and trigger (paused or not) in one transaction, resuming from the next instant
 * after now, and compare-and-repair for the reconciler. Each runs under Quartz's trigger lock, like
 * Quartz's own changes.
 */
public final class ScheduleStore extends JobStoreTX {
  /** One row of a schedule's Quartz state, as the reconciler sees it. */
  public record TriggerRow(String scheduleId, String state, String expression, String zone) {
    boolean exists() {
      return state != null;
    }

    boolean paused() {
      return STATE_PAUSED.equals(state) || STATE_PAUSED_BLOCKED.equals(state);
    }

    boolean error() {
      return STATE_ERROR.equals(state);
    }
  }

  private final boolean batched;
  private final PlannerStatistics statistics;
  private volatile FiringBatches batches;
  private Completions completions;

  /** With {@code batched} false, triggers are acquired and fired by Quartz's own code. */
  ScheduleStore(boolean batched, PlannerStatistics statistics) {
    this.batched = batched;
    this.statistics = statistics;
  }

  private FiringBatches batches() {
    if (batches == null) {
      batches =
          new FiringBatches(
              new QuartzRows(tablePrefix, instanceName, getInstanceId(), getClassLoadHelper()),
              new FiringBatches.Store() {
                @Override
                public String nextFireInstanceId() {
                  return getFiredTriggerRecordId();
                }

                @Override
                public OperableTrigger retrieve(Connection conn, TriggerKey key)
                    throws JobPersistenceException {
                  return retrieveTrigger(conn, key);
                }

                @Override
                public TriggerFiredBundle fireOne(Connection conn, OperableTrigger trigger)
                    throws JobPersistenceException {
                  return triggerFired(conn, trigger);
                }
              });
    }
    return batches;
  }

  @Override
  public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
      throws JobPersistenceException {
    try {
      return super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
    } catch (JobPersistenceException | RuntimeException e) {
      batches().forgetFiredAtAcquisition();
      throw e;
    }
  }

  /** Acquires due triggers a batch at a time (see {@link FiringBatches}). */
  @Override
  protected List<OperableTrigger> acquireNextTrigger(
      Connection conn, long noLaterThan, int maxCount, long timeWindow)
      throws JobPersistenceException {
    if (!batched) {
      return super.acquireNextTrigger(conn, noLaterThan, maxCount, timeWindow);
    }
    if (timeWindow < 0) {
      throw new IllegalArgumentException();
    }
    try {
      return batches().acquire(conn, noLaterThan, getMisfireTime(), maxCount, timeWindow);
    } catch (SQLException e) {
      throw new JobPersistenceException("Couldn't acquire next trigger: " + e.getMessage(), e);
    }
  }

  /**
   * Fires acquired triggers a batch at a time (see {@link FiringBatches}): those fired when they
   * were acquired at once, the rest under Quartz's trigger lock, with Quartz's check of a commit
   * that failed but took effect.
   */
  @Override
  public List<TriggerFiredResult> triggersFired(List<OperableTrigger> triggers)
      throws JobPersistenceException {
    if (!batched) {
      return super.triggersFired(triggers);
    }
    TriggerFiredResult[] results = batches().firedAtAcquisition(triggers);
    List<OperableTrigger> rest = new ArrayList<>();
    for (int i = 0; i < triggers.size(); i++) {
      if (results[i] == null) {
        rest.add(triggers.get(i));
      }
    }
    if (rest.isEmpty()) {
      return List.of(results);
    }
    List<TriggerFiredResult> fired =
        executeInNonManagedTXLock(
            LOCK_TRIGGER_ACCESS,
            conn -> {
              try {
                return batches().fire(conn, rest);
              } catch (SQLException e) {
                throw new JobPersistenceException("Couldn't fire triggers: " + e.getMessage(), e);
              }
            },
            this::anyExecuting);
    for (int i = 0, next = 0; i < results.length; i++) {
      if (results[i] == null) {
        results[i] = fired.get(next++);
      }
    }
    return List.of(results);
  }

  // Quartz's check after a failed commit: did the fire take effect after all?
  private boolean anyExecuting(Connection conn, List<TriggerFiredResult> results)
      throws JobPersistenceException {
    try {
      Set<String> executing = new HashSet<>();
      for (FiredTriggerRecord ft :
          getDelegate().selectInstancesFiredTriggerRecords(conn, getInstanceId())) {
        if (STATE_EXECUTING.equals(ft.getFireInstanceState())) {
          executing.add(ft.getFireInstanceId());
        }
      }
      for (TriggerFiredResult r : results) {
        if (r.getTriggerFiredBundle() != null
            && executing.contains(r.getTriggerFiredBundle().getTrigger().getFireInstanceId())) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      throw new JobPersistenceException("error validating trigger acquisition", e);
    }
  }

  /**
   * Records that a fire's job finished. For a recurring trigger that fires again (Quartz's {@code
   * NOOP}) the end is queued and written with others in one transaction (see {@link Completions});
   * every other outcome (a one-shot trigger to delete, an error state) goes through Quartz.
   */
  @Override
  public void triggeredJobComplete(
      OperableTrigger trigger,
      JobDetail jobDetail,
      org.quartz.Trigger.CompletedExecutionInstruction instruction) {
    boolean queued =
        batched
            && instruction == org.quartz.Trigger.CompletedExecutionInstruction.NOOP
            && trigger instanceof RecurrenceTrigger
            && !(jobDetail.isPersistJobDataAfterExecution() && jobDetail.getJobDataMap().isDirty())
            && completions()
                .add(
                    new Completions.Completion(
                        trigger.getFireInstanceId(),
                        jobDetail.getKey(),
                        jobDetail.isConcurrentExecutionDisallowed()));
    if (!queued) {
      super.triggeredJobComplete(trigger, jobDetail, instruction);
    }
  }

  private synchronized Completions completions() {
    if (completions == null) {
      completions =
          new Completions(
              this::writeCompletions,
              Duration.ofMillis(20),
              500,
              Completions.databaseRetry(),
              Completions.databaseRetry().giveUpAfter(Duration.ofSeconds(10)),
              instanceName + "-" + getInstanceId() + "-completions");
    }
    return completions;
  }

  // Under the trigger lock, as Quartz's own completion; wakes the scheduler after the commit.
  private void writeCompletions(List<Completions.Completion> batch) {
    try {
      executeInNonManagedTXLock(
          LOCK_TRIGGER_ACCESS,
          conn -> {
            try {
              batches().rows().complete(conn, batch);
            } catch (SQLException e) {
              throw new JobPersistenceException(
                  "Couldn't record the end of fires: " + e.getMessage(), e);
            }
            signalSchedulingChangeOnTxCompletion(0L);
            return null;
          },
          null);
    } catch (JobPersistenceException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Writes the ends of fires still queued, then shuts Quartz's store down. */
  @Override
  public void shutdown() {
    Completions queued;
    synchronized (this) {
      queued = completions;
    }
    if (queued != null) {
      queued.close();
    }
    super.shutdown();
  }

  /**
   * Stores the schedule's job and trigger. An existing trigger with the same expression and zone
   * keeps its next fire time (a replayed update must not move or drop a run that is due); a new or
   * changed one fires next after {@code trigger}'s start time.
   */
  public void put(JobDetail job, RecurrenceTrigger trigger, boolean paused)
      throws JobPersistenceException {
    executeInLock(
        LOCK_TRIGGER_ACCESS,
        conn -> {
          storeJob(conn, job, true);
          OperableTrigger existing = retrieveTrigger(conn, trigger.getKey());
          String state;
          try {
            state =
                existing == null ? null : getDelegate().selectTriggerState(conn, trigger.getKey());
          } catch (SQLException e) {
            throw new JobPersistenceException("Couldn't read trigger state: " + e.getMessage(), e);
          }
          boolean same =
              existing instanceof RecurrenceTrigger r
                  && r.expression().equals(trigger.expression())
                  && r.zone().equals(trigger.zone())
                  && r.getNextFireTime() != null
                  && !STATE_ERROR.equals(state);
          if (same) {
            boolean isPaused = STATE_PAUSED.equals(state) || STATE_PAUSED_BLOCKED.equals(state);
            if (paused && !isPaused) {
              pauseTrigger(conn, trigger.getKey());
            } else if (!paused && isPaused) {
              resume(conn, (RecurrenceTrigger) existing, trigger.getStartTime());
            }
            return null;
          }
          trigger.computeFirstFireTime(null);
          storeTrigger(
              conn, trigger, job, true, paused ? STATE_PAUSED : STATE_WAITING, false, false);
          signal(trigger);
          statistics.triggerStored();
          return null;
        });
  }

  /**
   * Resumes a paused schedule trigger from its first instant after {@code now}; false if absent.
   */
  public boolean resume(TriggerKey key, Date now) throws JobPersistenceException {
    return (Boolean)
        executeInLock(
            LOCK_TRIGGER_ACCESS,
            conn -> {
              OperableTrigger existing = retrieveTrigger(conn, key);
              if (!(existing instanceof RecurrenceTrigger r)) {
                return false;
              }
              String state;
              try {
                state = getDelegate().selectTriggerState(conn, key);
              } catch (SQLException e) {
                throw new JobPersistenceException(
                    "Couldn't read trigger state: " + e.getMessage(), e);
              }
              if (STATE_PAUSED.equals(state) || STATE_PAUSED_BLOCKED.equals(state)) {
                resume(conn, r, now);
              }
              return true;
            });
  }

  private void resume(Connection conn, RecurrenceTrigger trigger, Date now)
      throws JobPersistenceException {
    // Instants that passed while paused do not run: start again from now.
    trigger.setNextFireTime(trigger.getFireTimeAfter(new Date(now.getTime() - 1)));
    storeTrigger(conn, trigger, null, true, STATE_WAITING, false, false);
    signal(trigger);
  }

  // Wakes this node's scheduler thread after the commit, as Quartz's own scheduleJob does.
  private void signal(OperableTrigger trigger) {
    if (trigger.getNextFireTime() != null) {
      signalSchedulingChangeOnTxCompletion(trigger.getNextFireTime().getTime());
    }
  }

  /** The Quartz state of every schedule job of {@code jobGroup} (state null: no trigger). */
  @SuppressWarnings("unchecked")
  public List<TriggerRow> rows(String jobGroup, String triggerGroup)
      throws JobPersistenceException {
    return (List<TriggerRow>)
        executeWithoutLock(
            conn -> {
              String sql =
                  "select j.job_name, t.trigger_state, p.str_prop_1, p.str_prop_2"
                      + " from "
                      + tablePrefix
                      + "job_details j left join "
                      + tablePrefix
                      + "triggers t on t.sched_name = j.sched_name and t.job_name = j.job_name"
                      + " and t.job_group = j.job_group and t.trigger_group = ?"
                      + " left join "
                      + tablePrefix
                      + "simprop_triggers p on p.sched_name = t.sched_name"
                      + " and p.trigger_name = t.trigger_name and p.trigger_group = t.trigger_group"
                      + " where j.sched_name = ? and j.job_group = ?";
              List<TriggerRow> rows = new ArrayList<>();
              try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, triggerGroup);
                ps.setString(2, instanceName);
                ps.setString(3, jobGroup);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    rows.add(
                        new TriggerRow(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                  }
                }
              } catch (SQLException e) {
                throw new JobPersistenceException(
                    "Couldn't list schedule triggers: " + e.getMessage(), e);
              }
              return rows;
            });
  }

  /** The current row of one schedule (state null: no trigger; null: no job either). */
  TriggerRow row(Connection conn, JobKey job, TriggerKey trigger) throws JobPersistenceException {
    try {
      if (!getDelegate().jobExists(conn, job)) {
        return null;
      }
      OperableTrigger t = retrieveTrigger(conn, trigger);
      if (t == null) {
        return new TriggerRow(job.getName(), null, null, null);
      }
      String state = getDelegate().selectTriggerState(conn, trigger);
      if (t instanceof RecurrenceTrigger r) {
        return new TriggerRow(job.getName(), state, r.expression(), r.zone());
      }
      return new TriggerRow(job.getName(), state, null, null);
    } catch (SQLException e) {
      throw new JobPersistenceException("Couldn't read trigger: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the schedule's job and trigger as {@link #put}, but only while its Quartz state is
   * still {@code expected} (the reconciler's snapshot); false when someone changed it meanwhile.
   */
  public boolean repair(
      TriggerRow expected, JobDetail job, RecurrenceTrigger trigger, boolean paused)
      throws JobPersistenceException {
    return (Boolean)
        executeInLock(
            LOCK_TRIGGER_ACCESS,
            conn -> {
              TriggerRow now = row(conn, job.getKey(), trigger.getKey());
              if (!sameAs(expected, now)) {
                return false;
              }
              storeJob(conn, job, true);
              trigger.computeFirstFireTime(null);
              storeTrigger(
                  conn, trigger, job, true, paused ? STATE_PAUSED : STATE_WAITING, false, false);
              signal(trigger);
              statistics.triggerStored();
              return true;
            });
  }

  /** Removes the schedule's job and triggers while its state is still {@code expected}. */
  public boolean removeIf(TriggerRow expected, JobKey job, TriggerKey trigger)
      throws JobPersistenceException {
    return (Boolean)
        executeInLock(
            LOCK_TRIGGER_ACCESS,
            conn -> {
              TriggerRow now = row(conn, job, trigger);
              if (!sameAs(expected, now)) {
                return false;
              }
              return removeJob(conn, job);
            });
  }

  private static boolean sameAs(TriggerRow expected, TriggerRow now) {
    if (expected == null || now == null) {
      return expected == now;
    }
    return Objects.equals(expected.state(), now.state())
        && Objects.equals(expected.expression(), now.expression())
        && Objects.equals(expected.zone(), now.zone());
  }
}
