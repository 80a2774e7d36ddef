package dev.reports.engine.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerKey;
import org.quartz.impl.JobDetailImpl;
import org.quartz.impl.jdbcjobstore.Constants;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.OperableTrigger;

/**
 * Reads and writes Quartz's trigger, job and fired-trigger rows for many triggers per statement,
 * exactly as Quartz's per-trigger statements would (job data as properties, -1 for no time).
 *
 * <p>Rows are looked up by key lists rather than joined: a join planned on the stale statistics of
 * freshly filled tables scanned every job once per due trigger (seconds per batch at 2,000).
 */
final class QuartzRows {
  /** A due trigger's row. */
  record Due(
      TriggerKey key,
      JobKey job,
      String description,
      long next,
      long previous,
      String type,
      long start,
      long end,
      String calendar,
      int misfire,
      int priority,
      Map<String, Object> data) {
    RecurrenceTrigger recurrence(String expression, String zone) {
      RecurrenceTrigger t = new RecurrenceTrigger(expression, zone);
      t.setKey(key);
      t.setJobKey(job);
      t.setDescription(description);
      t.setNextFireTime(date(next));
      t.setPreviousFireTime(date(previous));
      t.setStartTime(new Date(start));
      t.setEndTime(date(end));
      t.setMisfireInstruction(misfire);
      t.setPriority(priority);
      if (data != null) {
        t.setJobDataMap(new JobDataMap(data));
      }
      return t;
    }
  }

  /** A trigger being fired: its job and the times it had before {@code triggered()}. */
  record Firing(int index, OperableTrigger trigger, JobDetail job, Date scheduled, Date previous) {}

  private final String triggers;
  private final String jobs;
  private final String properties;
  private final String fired;
  private final String schedulerName;
  private final String instanceId;
  private final ClassLoadHelper classes;

  QuartzRows(String tablePrefix, String schedulerName, String instanceId, ClassLoadHelper classes) {
    this.triggers = tablePrefix + "TRIGGERS";
    this.jobs = tablePrefix + "JOB_DETAILS";
    this.properties = tablePrefix + "SIMPROP_TRIGGERS";
    this.fired = tablePrefix + "FIRED_TRIGGERS";
    this.schedulerName = schedulerName;
    this.instanceId = instanceId;
    this.classes = classes;
  }

  /** Quartz's choice of triggers to acquire, in its order. */
  List<Due> due(Connection conn, long noLaterThan, long noEarlierThan, int maxCount)
      throws SQLException {
    String sql =
        "select trigger_name, trigger_group, job_name, job_group, description, next_fire_time,"
            + " prev_fire_time, trigger_type, start_time, end_time, calendar_name,"
            + " misfire_instr, priority, job_data from "
            + triggers
            + " where sched_name = ? and trigger_state = ? and next_fire_time <= ?"
            + " and (misfire_instr = -1 or next_fire_time >= ?)"
            + " order by next_fire_time asc, priority desc limit "
            + maxCount;
    List<Due> due = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, schedulerName);
      ps.setString(2, Constants.STATE_WAITING);
      ps.setLong(3, noLaterThan);
      ps.setLong(4, noEarlierThan);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(
              new Due(
                  new TriggerKey(rs.getString(1), rs.getString(2)),
                  new JobKey(rs.getString(3), rs.getString(4)),
                  rs.getString(5),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getString(8),
                  rs.getLong(9),
                  rs.getLong(10),
                  rs.getString(11),
                  rs.getInt(12),
                  rs.getInt(13),
                  data(rs.getBytes(14))));
        }
      }
    }
    return due;
  }

  /** Expression and zone of the given recurrence triggers. */
  Map<TriggerKey, String[]> recurrences(Connection conn, Collection<TriggerKey> keys)
      throws SQLException {
    Map<TriggerKey, String[]> found = new HashMap<>();
    byKeys(
        conn,
        "select trigger_name, trigger_group, str_prop_1, str_prop_2 from " + properties,
        "trigger_group",
        "trigger_name",
        group(keys, TriggerKey::getGroup, TriggerKey::getName),
        rs ->
            found.put(
                new TriggerKey(rs.getString(1), rs.getString(2)),
                new String[] {rs.getString(3), rs.getString(4)}));
    return found;
  }

  /** The given jobs, as Quartz's {@code retrieveJob} builds them. */
  Map<JobKey, JobDetail> jobs(Connection conn, Collection<JobKey> keys) throws SQLException {
    Map<JobKey, JobDetail> found = new HashMap<>();
    byKeys(
        conn,
        "select job_name, job_group, description, job_class_name, is_durable, requests_recovery,"
            + " job_data from "
            + jobs,
        "job_group",
        "job_name",
        group(keys, JobKey::getGroup, JobKey::getName),
        rs -> {
          JobDetailImpl job = new JobDetailImpl();
          job.setKey(new JobKey(rs.getString(1), rs.getString(2)));
          job.setDescription(rs.getString(3));
          job.setJobClass(classes.loadClass(rs.getString(4), Job.class));
          job.setDurability(rs.getBoolean(5));
          job.setRequestsRecovery(rs.getBoolean(6));
          Map<String, Object> data = data(rs.getBytes(7));
          if (data != null) {
            job.setJobDataMap(new JobDataMap(data));
          }
          found.put(job.getKey(), job);
        });
    return found;
  }

  /** State and job of the given triggers. */
  Map<TriggerKey, Map.Entry<String, JobKey>> states(Connection conn, Collection<TriggerKey> keys)
      throws SQLException {
    Map<TriggerKey, Map.Entry<String, JobKey>> found = new HashMap<>();
    byKeys(
        conn,
        "select trigger_name, trigger_group, trigger_state, job_name, job_group from " + triggers,
        "trigger_group",
        "trigger_name",
        group(keys, TriggerKey::getGroup, TriggerKey::getName),
        rs ->
            found.put(
                new TriggerKey(rs.getString(1), rs.getString(2)),
                Map.entry(rs.getString(3), new JobKey(rs.getString(4), rs.getString(5)))));
    return found;
  }

  /** Moves each trigger from state {@code from} to {@code to}; per trigger, whether it moved. */
  boolean[] changeStates(Connection conn, List<OperableTrigger> list, String to, String from)
      throws SQLException {
    return batch(
        conn,
        "update "
            + triggers
            + " set trigger_state = ? where sched_name = ? and trigger_name = ?"
            + " and trigger_group = ? and trigger_state = ?",
        list,
        (ps, t) -> {
          ps.setString(1, to);
          ps.setString(2, schedulerName);
          ps.setString(3, t.getKey().getName());
          ps.setString(4, t.getKey().getGroup());
          ps.setString(5, from);
        });
  }

  /**
   * Quartz's {@code storeTrigger} after a fire, for triggers still in state {@code from}: only the
   * fire times and the state change. Per firing, whether it was stored.
   */
  boolean[] storeFired(Connection conn, List<Firing> firing, String from) throws SQLException {
    return batch(
        conn,
        "update "
            + triggers
            + " set next_fire_time = ?, prev_fire_time = ?, trigger_state = ?"
            + " where sched_name = ? and trigger_name = ? and trigger_group = ?"
            + " and trigger_state = ?",
        firing,
        (ps, f) -> {
          OperableTrigger t = f.trigger();
          String state;
          if (t.getNextFireTime() == null) {
            state = Constants.STATE_COMPLETE;
          } else if (f.job().isConcurrentExecutionDisallowed()) {
            state = Constants.STATE_BLOCKED;
          } else {
            state = Constants.STATE_WAITING;
          }
          ps.setLong(1, millis(t.getNextFireTime()));
          ps.setLong(2, millis(t.getPreviousFireTime()));
          ps.setString(3, state);
          ps.setString(4, schedulerName);
          ps.setString(5, t.getKey().getName());
          ps.setString(6, t.getKey().getGroup());
          ps.setString(7, from);
        });
  }

  /** While a no-concurrency job runs, its other triggers wait (Quartz's BLOCKED states). */
  void blockOthers(Connection conn, List<Firing> firing) throws SQLException {
    List<JobKey> blocking = new ArrayList<>();
    for (Firing f : firing) {
      if (f.job().isConcurrentExecutionDisallowed()) {
        blocking.add(f.job().getKey());
      }
    }
    moveJobTriggers(
        conn,
        blocking,
        Constants.STATE_PAUSED,
        Constants.STATE_PAUSED_BLOCKED,
        Constants.STATE_BLOCKED,
        Constants.STATE_WAITING,
        Constants.STATE_ACQUIRED,
        Constants.STATE_PAUSED);
  }

  /**
   * Quartz's {@code triggeredJobComplete} for fires of recurring triggers that fire again: each
   * no-concurrency job's triggers unblocked, each fire's record deleted.
   */
  void complete(Connection conn, List<Completions.Completion> ended) throws SQLException {
    List<JobKey> unblock = new ArrayList<>();
    for (Completions.Completion c : ended) {
      if (c.unblock()) {
        unblock.add(c.job());
      }
    }
    moveJobTriggers(
        conn,
        unblock,
        Constants.STATE_BLOCKED,
        Constants.STATE_WAITING,
        Constants.STATE_PAUSED,
        Constants.STATE_BLOCKED,
        Constants.STATE_PAUSED_BLOCKED);
    try (PreparedStatement ps =
        conn.prepareStatement(
            "delete from "
                + fired
                + " where sched_name = ? and entry_id in ("
                + placeholders(ended.size())
                + ")")) {
      ps.setString(1, schedulerName);
      int p = 2;
      for (Completions.Completion c : ended) {
        ps.setString(p++, c.fireInstanceId());
      }
      ps.executeUpdate();
    }
  }

  /**
   * Moves the triggers of {@code jobs} that are in one of {@code from}: those in state {@code when}
   * to {@code then}, the others to {@code otherwise}. One statement per job group.
   */
  private void moveJobTriggers(
      Connection conn,
      Collection<JobKey> jobs,
      String when,
      String then,
      String otherwise,
      String... from)
      throws SQLException {
    for (Map.Entry<String, List<String>> group :
        group(jobs, JobKey::getGroup, JobKey::getName).entrySet()) {
      String sql =
          "update "
              + triggers
              + " set trigger_state = case when trigger_state = ? then ? else ? end"
              + " where sched_name = ? and job_group = ? and trigger_state in ("
              + placeholders(from.length)
              + ") and job_name in ("
              + placeholders(group.getValue().size())
              + ")";
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        int p = 1;
        ps.setString(p++, when);
        ps.setString(p++, then);
        ps.setString(p++, otherwise);
        ps.setString(p++, schedulerName);
        ps.setString(p++, group.getKey());
        for (String state : from) {
          ps.setString(p++, state);
        }
        for (String name : group.getValue()) {
          ps.setString(p++, name);
        }
        ps.executeUpdate();
      }
    }
  }

  /** Quartz's fired-trigger record of each trigger just acquired (no job yet, as Quartz). */
  void insertAcquired(Connection conn, List<OperableTrigger> acquired, long now)
      throws SQLException {
    List<Firing> none = new ArrayList<>();
    for (OperableTrigger t : acquired) {
      none.add(new Firing(0, t, null, t.getNextFireTime(), null));
    }
    insertFired(conn, none, Constants.STATE_ACQUIRED, now);
  }

  /** Quartz's fired-trigger record of each firing, as {@code updateFiredTrigger} leaves it. */
  void insertExecuting(Connection conn, List<Firing> firing, long now) throws SQLException {
    insertFired(conn, firing, Constants.STATE_EXECUTING, now);
  }

  private void insertFired(Connection conn, List<Firing> firing, String state, long now)
      throws SQLException {
    batch(
        conn,
        "insert into "
            + fired
            + " (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time,"
            + " sched_time, state, job_name, job_group, is_nonconcurrent, requests_recovery,"
            + " priority) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        firing,
        (ps, f) -> {
          OperableTrigger t = f.trigger();
          JobDetail job = f.job();
          ps.setString(1, schedulerName);
          ps.setString(2, t.getFireInstanceId());
          ps.setString(3, t.getKey().getName());
          ps.setString(4, t.getKey().getGroup());
          ps.setString(5, instanceId);
          ps.setLong(6, now);
          ps.setLong(7, f.scheduled().getTime());
          ps.setString(8, state);
          ps.setString(9, job == null ? null : job.getKey().getName());
          ps.setString(10, job == null ? null : job.getKey().getGroup());
          ps.setBoolean(11, job != null && job.isConcurrentExecutionDisallowed());
          ps.setBoolean(12, job != null && job.requestsRecovery());
          ps.setInt(13, t.getPriority());
        });
  }

  /** Quartz's {@code updateFiredTrigger} for each firing of acquired triggers. */
  void markExecuting(Connection conn, List<Firing> firing, long now) throws SQLException {
    batch(
        conn,
        "update "
            + fired
            + " set instance_name = ?, fired_time = ?, sched_time = ?, state = ?, job_name = ?,"
            + " job_group = ?, is_nonconcurrent = ?, requests_recovery = ?"
            + " where sched_name = ? and entry_id = ?",
        firing,
        (ps, f) -> {
          ps.setString(1, instanceId);
          ps.setLong(2, now);
          ps.setLong(3, f.scheduled().getTime());
          ps.setString(4, Constants.STATE_EXECUTING);
          ps.setString(5, f.job().getKey().getName());
          ps.setString(6, f.job().getKey().getGroup());
          ps.setBoolean(7, f.job().isConcurrentExecutionDisallowed());
          ps.setBoolean(8, f.job().requestsRecovery());
          ps.setString(9, schedulerName);
          ps.setString(10, f.trigger().getFireInstanceId());
        });
  }

  private interface Binder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  // One JDBC batch, one round trip; per item, whether it changed a row.
  private static <T> boolean[] batch(Connection conn, String sql, List<T> items, Binder<T> binder)
      throws SQLException {
    if (items.isEmpty()) {
      return new boolean[0];
    }
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (T item : items) {
        binder.bind(ps, item);
        ps.addBatch();
      }
      return changed(ps.executeBatch());
    }
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException, IOException, ClassNotFoundException;
  }

  // One query per group (in practice one): "where sched_name = ? and group = ? and name in (...)".
  private void byKeys(
      Connection conn,
      String select,
      String groupColumn,
      String nameColumn,
      Map<String, List<String>> namesByGroup,
      RowReader reader)
      throws SQLException {
    for (Map.Entry<String, List<String>> group : namesByGroup.entrySet()) {
      String sql =
          select
              + " where sched_name = ? and "
              + groupColumn
              + " = ? and "
              + nameColumn
              + " in ("
              + placeholders(group.getValue().size())
              + ")";
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        ps.setString(1, schedulerName);
        ps.setString(2, group.getKey());
        int p = 3;
        for (String name : group.getValue()) {
          ps.setString(p++, name);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
      } catch (IOException | ClassNotFoundException e) {
        throw new SQLException(e.getMessage(), e);
      }
    }
  }

  private static <K> Map<String, List<String>> group(
      Collection<K> keys, Function<K, String> group, Function<K, String> name) {
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    for (K k : keys) {
      byGroup.computeIfAbsent(group.apply(k), g -> new ArrayList<>()).add(name.apply(k));
    }
    return byGroup;
  }

  private static boolean[] changed(int[] counts) {
    boolean[] changed = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      changed[i] = counts[i] != 0; // SUCCESS_NO_INFO (-2) counts as changed
    }
    return changed;
  }

  // Job data as Quartz stores it with useProperties=true: a properties file.
  private static Map<String, Object> data(byte[] bytes) throws SQLException {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    Properties p = new Properties();
    try {
      p.load(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new SQLException("unreadable job data: " + e.getMessage(), e);
    }
    Map<String, Object> map = new HashMap<>();
    p.forEach((k, v) -> map.put((String) k, v));
    return map;
  }

  private static Date date(long millis) {
    return millis > 0 ? new Date(millis) : null;
  }

  // Quartz writes -1 for "none".
  private static long millis(Date date) {
    return date == null ? -1 : date.getTime();
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
