package dev.reports.engine.internal;

import dev.reports.engine.internal.QuartzRows.Due;
import dev.reports.engine.internal.QuartzRows.Firing;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.Constants;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.spi.TriggerFiredResult;

/**
 * Quartz's acquire and fire steps for {@link RecurrenceTrigger}s, a batch at a time.
 *
 * <p>Both steps run under Quartz's cluster-wide trigger lock. Quartz spends about 18 statements per
 * trigger there (read the trigger, its properties and its job, update its state, ...), one round
 * trip each, so with thousands of schedules due at once every node waited on the lock while another
 * made round trips: 25 fires/s on two nodes. Here a batch costs a constant number of statements,
 * and a batch that is already due when it is acquired (a burst, a catch-up) is fired in the same
 * transaction, so it takes the lock once instead of twice. The rows written are Quartz's own, so
 * Quartz's recovery, misfire and cluster code read them as usual; any other kind of trigger (a
 * run-now, a recovery) goes through Quartz's per-trigger code.
 */
final class FiringBatches {
  /** What the batch needs from the job store: ids and Quartz's own per-trigger code paths. */
  interface Store {
    String nextFireInstanceId();

    OperableTrigger retrieve(Connection conn, TriggerKey key) throws JobPersistenceException;

    TriggerFiredBundle fireOne(Connection conn, OperableTrigger trigger)
        throws JobPersistenceException;
  }

  private final QuartzRows rows;
  private final Store store;
  // Batches fired while they were acquired, by fire instance id, until Quartz asks to fire them.
  private final Map<String, TriggerFiredResult> firedAtAcquisition = new ConcurrentHashMap<>();

  FiringBatches(QuartzRows rows, Store store) {
    this.rows = rows;
    this.store = store;
  }

  QuartzRows rows() {
    return rows;
  }

  /** Quartz's {@code acquireNextTrigger}: the same choice of triggers, the same rows written. */
  List<OperableTrigger> acquire(
      Connection conn, long noLaterThan, long noEarlierThan, int maxCount, long timeWindow)
      throws SQLException, JobPersistenceException {
    firedAtAcquisition.clear();
    List<OperableTrigger> acquired = new ArrayList<>();
    // Quartz retries a few times when every trigger it saw was taken meanwhile; so do we.
    for (int attempt = 1; attempt <= 3 && acquired.isEmpty(); attempt++) {
      List<Due> due = rows.due(conn, noLaterThan + timeWindow, noEarlierThan, maxCount);
      if (due.isEmpty()) {
        return acquired;
      }
      Map<JobKey, JobDetail> jobs = rows.jobs(conn, due.stream().map(Due::job).toList());
      List<OperableTrigger> candidates = candidates(conn, due, jobs, noLaterThan, timeWindow);
      long now = System.currentTimeMillis();
      boolean dueNow =
          !candidates.isEmpty() && candidates.get(0).getNextFireTime().getTime() <= now;
      List<OperableTrigger> later = new ArrayList<>();
      List<OperableTrigger> fireNow = new ArrayList<>();
      for (OperableTrigger t : candidates) {
        (dueNow && batchable(t, jobs) ? fireNow : later).add(t);
      }
      acquired.addAll(fireAtAcquisition(conn, fireNow, jobs, now));
      boolean[] taken =
          rows.changeStates(conn, later, Constants.STATE_ACQUIRED, Constants.STATE_WAITING);
      List<OperableTrigger> acquiredLater = new ArrayList<>();
      for (int i = 0; i < later.size(); i++) {
        if (taken[i]) {
          OperableTrigger t = later.get(i);
          t.setFireInstanceId(store.nextFireInstanceId());
          acquiredLater.add(t);
        }
      }
      rows.insertAcquired(conn, acquiredLater, now);
      acquired.addAll(acquiredLater);
    }
    return acquired;
  }

  private List<OperableTrigger> candidates(
      Connection conn,
      List<Due> due,
      Map<JobKey, JobDetail> jobs,
      long noLaterThan,
      long timeWindow)
      throws SQLException, JobPersistenceException {
    Map<TriggerKey, String[]> recurrences =
        rows.recurrences(
            conn,
            due.stream()
                .filter(d -> RecurrenceTriggerPersistence.TYPE.equals(d.type()))
                .map(Due::key)
                .toList());
    List<OperableTrigger> candidates = new ArrayList<>();
    Set<JobKey> batchJobs = new HashSet<>();
    long batchEnd = noLaterThan;
    for (Due d : due) {
      String[] recurrence = recurrences.get(d.key());
      OperableTrigger trigger =
          recurrence != null && d.calendar() == null
              ? d.recurrence(recurrence[0], recurrence[1])
              : store.retrieve(conn, d.key());
      if (trigger == null || trigger.getNextFireTime() == null) {
        continue;
      }
      JobDetail job = jobs.get(trigger.getJobKey());
      // As Quartz: one trigger per no-concurrency job in a batch.
      if (job != null
          && job.isConcurrentExecutionDisallowed()
          && !batchJobs.add(trigger.getJobKey())) {
        continue;
      }
      long next = trigger.getNextFireTime().getTime();
      if (next > batchEnd) {
        break;
      }
      if (candidates.isEmpty()) {
        batchEnd = Math.max(next, System.currentTimeMillis()) + timeWindow;
      }
      candidates.add(trigger);
    }
    return candidates;
  }

  private static boolean batchable(OperableTrigger t, Map<JobKey, JobDetail> jobs) {
    return t instanceof RecurrenceTrigger
        && t.getCalendarName() == null
        && jobs.containsKey(t.getJobKey());
  }

  // Quartz fires an acquired batch as soon as its first trigger is due, so a batch already due
  // is fired now, in the acquiring transaction. Quartz gets the triggers as acquired (next fire
  // time: this one) and, when it asks to fire them, the bundles made here.
  private List<OperableTrigger> fireAtAcquisition(
      Connection conn, List<OperableTrigger> triggers, Map<JobKey, JobDetail> jobs, long now)
      throws SQLException {
    if (triggers.isEmpty()) {
      return List.of();
    }
    List<Firing> firing = new ArrayList<>();
    for (OperableTrigger t : triggers) {
      t.setFireInstanceId(store.nextFireInstanceId());
      OperableTrigger fired = (OperableTrigger) t.clone();
      Date previous = fired.getPreviousFireTime();
      Date scheduled = fired.getNextFireTime();
      fired.triggered(null);
      JobDetail job = (JobDetail) jobs.get(t.getJobKey()).clone();
      firing.add(new Firing(0, fired, job, scheduled, previous));
    }
    boolean[] stored = rows.storeFired(conn, firing, Constants.STATE_WAITING);
    List<Firing> done = new ArrayList<>();
    List<OperableTrigger> acquired = new ArrayList<>();
    for (int i = 0; i < firing.size(); i++) {
      if (stored[i]) {
        done.add(firing.get(i));
        acquired.add(triggers.get(i));
      }
    }
    rows.blockOthers(conn, done);
    rows.insertExecuting(conn, done, now);
    for (Firing f : done) {
      firedAtAcquisition.put(f.trigger().getFireInstanceId(), result(f, now));
    }
    return acquired;
  }

  /**
   * The results of the batches fired when they were acquired, in order; null where a trigger must
   * still be fired.
   */
  TriggerFiredResult[] firedAtAcquisition(List<OperableTrigger> triggers) {
    TriggerFiredResult[] results = new TriggerFiredResult[triggers.size()];
    for (int i = 0; i < triggers.size(); i++) {
      results[i] = firedAtAcquisition.remove(triggers.get(i).getFireInstanceId());
    }
    return results;
  }

  /** Forgets the batches fired at acquisition (their transaction did not commit). */
  void forgetFiredAtAcquisition() {
    firedAtAcquisition.clear();
  }

  /** Quartz's {@code triggersFired}: one result per trigger, in order; null bundle: not fired. */
  List<TriggerFiredResult> fire(Connection conn, List<OperableTrigger> acquired)
      throws SQLException {
    TriggerFiredResult[] results = new TriggerFiredResult[acquired.size()];
    List<Integer> batch = new ArrayList<>();
    // Other triggers first, one by one as Quartz does, so the batch then reads the states they
    // left.
    for (int i = 0; i < acquired.size(); i++) {
      OperableTrigger t = acquired.get(i);
      if (t instanceof RecurrenceTrigger && t.getCalendarName() == null) {
        batch.add(i);
        continue;
      }
      try {
        results[i] = new TriggerFiredResult(store.fireOne(conn, t));
      } catch (JobPersistenceException | RuntimeException e) {
        results[i] = new TriggerFiredResult(e);
      }
    }
    List<OperableTrigger> batched = batch.stream().map(acquired::get).toList();
    Map<TriggerKey, Map.Entry<String, JobKey>> states =
        rows.states(conn, batched.stream().map(OperableTrigger::getKey).toList());
    Map<JobKey, JobDetail> jobs =
        rows.jobs(conn, batched.stream().map(t -> t.getJobKey()).toList());
    List<Firing> firing = new ArrayList<>();
    for (int i : batch) {
      OperableTrigger t = acquired.get(i);
      Map.Entry<String, JobKey> state = states.get(t.getKey());
      JobDetail job = jobs.get(t.getJobKey());
      if (state == null
          || !Constants.STATE_ACQUIRED.equals(state.getKey())
          || !t.getJobKey().equals(state.getValue())
          || job == null) {
        results[i] = new TriggerFiredResult((TriggerFiredBundle) null);
        continue;
      }
      firing.add(
          new Firing(i, t, (JobDetail) job.clone(), t.getNextFireTime(), t.getPreviousFireTime()));
    }
    long now = System.currentTimeMillis();
    rows.markExecuting(conn, firing, now);
    for (Firing f : firing) {
      f.trigger().triggered(null);
    }
    // The fired trigger first: blocking the job's triggers would also move it off ACQUIRED.
    rows.storeFired(conn, firing, Constants.STATE_ACQUIRED);
    rows.blockOthers(conn, firing);
    for (Firing f : firing) {
      results[f.index()] = result(f, now);
    }
    return List.of(results);
  }

  private static TriggerFiredResult result(Firing f, long now) {
    f.job().getJobDataMap().clearDirtyFlag();
    return new TriggerFiredResult(
        new TriggerFiredBundle(
            f.job(),
            f.trigger(),
            null,
            false,
            new Date(now),
            f.trigger().getPreviousFireTime(),
            f.previous(),
            f.trigger().getNextFireTime()));
  }
}
