package dev.reports.service.cluster;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The cluster scenarios, each sized by its caller: small in the test suite ({@code
 * ClusterScenariosIT}), full size as benchmark commands ({@code ClusterBenchmarkIT}). Each seeds
 * schedules due at one whole minute, starts the nodes, waits (bounded) until every recipient has
 * its report or the deadline passes, and returns what happened.
 */
final class Scenarios {
  static final String[] THREE_NODES = {"node-1", "node-2", "node-3"};

  private final String dbUrl;
  private final String dbUser;
  private final DSLContext dsl;

  Scenarios(PostgresDatabase db) {
    this(db.url(), db.user(), db.dataSource());
  }

  /** On a database of the caller's, e.g. one on an {@link OwnedPostgres}. */
  Scenarios(String dbUrl, String dbUser, DataSource dataSource) {
    this.dbUrl = dbUrl;
    this.dbUser = dbUser;
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** What a scenario sets up besides its schedules: the faults, an action once firing began. */
  record Setup(
      int schedules,
      boolean telegram,
      boolean email,
      String[] nodes,
      Consumer<Providers> providers,
      Duration deadlineAfterDue) {}

  /** {@code count} small reports due in the same minute; every recipient gets exactly one. */
  ScenarioReport burst(int count, boolean email) throws Exception {
    return run(
        "burst",
        new Setup(count, true, email, THREE_NODES, p -> {}, deadline(count)),
        (cluster, due) -> {});
  }

  /**
   * The burst to Telegram (and, if {@code email}, email) recipients, with one node killed (SIGKILL)
   * as soon as it has claimed runs of it.
   */
  ScenarioReport nodeKill(int count, boolean email) throws Exception {
    ScenarioReport report =
        run(
            "node kill",
            new Setup(
                count,
                true,
                email,
                THREE_NODES,
                p -> {},
                // Loops' 10/s for one team alone takes count/10 s
                deadline(count).plusSeconds(60 + (email ? count / 40 : 0))),
            (cluster, due) -> {
              // kill node-3 while it holds runs: its claims must be recovered by the others
              long until = System.currentTimeMillis() + deadline(count).toMillis();
              while (System.currentTimeMillis() < until
                  && dsl.fetchCount(
                          SHARED_REPORT_RUNS,
                          SHARED_REPORT_RUNS.NODE_ID.eq("node-3"),
                          SHARED_REPORT_RUNS.STATUS.eq("running"))
                      == 0) {
                Thread.sleep(20);
              }
              cluster.kill("node-3");
              killedAt = Instant.now();
              // counted once it is dead: exactly the runs it held, none claimed since
              int holding =
                  dsl.fetchCount(
                      SHARED_REPORT_RUNS,
                      SHARED_REPORT_RUNS.NODE_ID.eq("node-3"),
                      SHARED_REPORT_RUNS.STATUS.eq("running"));
              killedHolding = holding;
              // recovered: every run it held claimed again by a live node (once its lease ran out)
              while (System.currentTimeMillis() < until
                  && dsl.fetchCount(SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.ATTEMPTS.gt(1))
                      < holding) {
                Thread.sleep(100);
              }
              takenOverAt = Instant.now();
            });
    System.out.printf(
        "  node-3 killed (SIGKILL) %.1f s after the due instant holding %d running runs; all of"
            + " them claimed again by the other nodes %.1f s after the kill; last delivery %.1f s"
            + " after the kill%n",
        (killedAt.toEpochMilli() - dueOfLastRun.toEpochMilli()) / 1000.0,
        killedHolding,
        (takenOverAt.toEpochMilli() - killedAt.toEpochMilli()) / 1000.0,
        (Math.max(telegramSpan()[1], loopsLast()) - killedAt.toEpochMilli()) / 1000.0);
    return report;
  }

  /** Both providers answer {@code share} of the requests with 429 or 5xx (or no answer). */
  ScenarioReport providerChaos(int count, double share, boolean timeouts) throws Exception {
    return run(
        "provider chaos",
        new Setup(
            count,
            true,
            true,
            THREE_NODES,
            p -> {
              p.telegramRules.faults(share, timeouts);
              p.loopsRules.faults(share, timeouts);
            },
            // an injected timeout holds a run thread for the read timeout (Telegram's 120 s, Loops'
            // 60 s); measured at 1,000: the last delivery 819 s after the instant, and a recipient
            // with three timeouts was still retrying at 1,060 s
            deadline(count).plusSeconds(timeouts ? 1_800 : 90)),
        (cluster, due) -> {});
  }

  /** What happened to the node that stalled, and after it woke. */
  record Stall(
      String node,
      String finishedBy,
      int deliveredBeforeFreeze,
      double frozenSeconds,
      double takenOverAfterSeconds,
      int requestsAfterWake,
      long stopLines) {
    @Override
    public String toString() {
      return String.format(
          "  %s frozen (SIGSTOP) with %d chats delivered and its next request held; %s took the"
              + " run over %.1f s after the freeze and finished it; %s woken (SIGCONT) after %.1f"
              + " s: %d requests from it since, %d log lines of it stopping the run",
          node,
          deliveredBeforeFreeze,
          finishedBy,
          takenOverAfterSeconds,
          node,
          frozenSeconds,
          requestsAfterWake,
          stopLines);
    }
  }

  Stall stall;

  /**
   * One Telegram report to {@code chats} chats on two nodes with a run lease of {@code lease}. The
   * fake Telegram holds the {@code holdAt}-th request; the node that sent it is frozen (SIGSTOP)
   * and the held request answered as not delivered (a 500: Telegram never processed it). The other
   * node takes the run over once the lease has run out and finishes it; only then is the frozen
   * node woken (SIGCONT), back in the middle of its send with a retry to make and the rest of the
   * chats to go. Every chat must get the report once.
   */
  ScenarioReport stalledNode(int chats, int holdAt, Duration lease) throws Exception {
    reset();
    Path dir = Files.createTempDirectory("cluster-stalled-node");
    try (Providers providers = new Providers(42)) {
      lastProviders = providers;
      AtomicInteger seen = new AtomicInteger();
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch answer = new CountDownLatch(1);
      providers.telegram.gate(
          upload -> {
            if (seen.incrementAndGet() == holdAt) {
              holding.countDown();
              try {
                answer.await(5, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return FakeTelegramServer.Reply.serverError();
            }
            return providers.telegramLimits.apply(upload);
          });
      // two nodes start in 20-60 s on a busy two-core machine
      Instant due =
          Instant.now().plusSeconds(70).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      dueOfLastRun = due;
      Workload workload = new Workload(dsl).scheduleToChats(chats, due);
      String[] nodes = {"node-1", "node-2"};
      try (Cluster cluster =
          new Cluster(dbUrl, dbUser, providers, dir).with("REPORTS_RUN_LEASE", lease.toString())) {
        cluster.start(nodes);
        if (Instant.now().isAfter(due.minusSeconds(5))
            || dsl.fetchCount(DSL.table("qrtz_triggers")) < 1) {
          throw new IllegalStateException(
              "the nodes were not ready before the due instant " + due + "; lead too short");
        }
        var r = SHARED_REPORT_RUNS;
        if (!holding.await(
            Duration.between(Instant.now(), due).plusSeconds(60).toMillis(),
            TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("no request " + holdAt + " reached the fake Telegram");
        }
        String owner =
            dsl.select(r.NODE_ID).from(r).where(r.STATUS.eq("running")).fetchSingle().value1();
        int deliveredBefore = providers.telegram.delivered().size();
        cluster.freeze(owner);
        Instant frozen = Instant.now();
        answer.countDown(); // into the frozen node's socket: it reads the 500 when it wakes
        Instant deadline = frozen.plusSeconds(120);
        while (Instant.now().isBefore(deadline)
            && dsl.fetchCount(r, r.STATUS.eq("succeeded")) == 0) {
          Thread.sleep(200);
        }
        Instant finished = Instant.now();
        String finishedBy =
            dsl.select(r.NODE_ID).from(r).fetchSingle().value1()
                + (dsl.fetchCount(r, r.STATUS.eq("succeeded")) == 1 ? "" : " (not finished)");
        int requestsBeforeWake = providers.telegram.requests().size();
        cluster.thaw(owner);
        Instant woken = Instant.now();
        // what the woken node would send, it sends within its backoff and a lease or two
        Thread.sleep(Math.max(8_000, lease.multipliedBy(3).toMillis()));
        stall =
            new Stall(
                owner,
                finishedBy,
                deliveredBefore,
                (woken.toEpochMilli() - frozen.toEpochMilli()) / 1000.0,
                (finished.toEpochMilli() - frozen.toEpochMilli()) / 1000.0,
                providers.telegram.requests().size() - requestsBeforeWake,
                cluster.lines("stops it and records nothing more"));
        ScenarioReport report =
            ScenarioReport.collect("stalled node", dsl, providers, workload, due);
        System.out.println(report);
        System.out.println(stall);
        if (!report.complete() || stall.requestsAfterWake() > 0) {
          System.out.println(cluster.output());
          System.out.println(unfinished());
          Path logs = Path.of("target", "cluster-logs", "stalled-node");
          cluster.saveOutput(logs);
          System.out.println("  the nodes' whole output: " + logs.toAbsolutePath());
        }
        return report;
      }
    }
  }

  /** {@code count} Telegram reports through one bot at 30 messages/s. */
  ScenarioReport rateBound(int count, String... nodes) throws Exception {
    return run(
        "rate bound",
        new Setup(count, true, false, nodes, p -> {}, deadline(count).plusSeconds(count / 15)),
        (cluster, due) -> {});
  }

  /**
   * The burst to Telegram (and, if {@code email}, email) recipients on a database the harness owns:
   * once a quarter of the reports are delivered, the server is stopped ({@code pg_ctl stop -m
   * stopMode}) and started again {@code outage} later.
   */
  ScenarioReport databaseRestart(
      OwnedPostgres server, int count, boolean email, Duration outage, String stopMode)
      throws Exception {
    int expected = email ? 2 * count : count;
    ScenarioReport report =
        run(
            "database restart",
            new Setup(
                count,
                true,
                email,
                THREE_NODES,
                p -> {},
                deadline(count).plus(outage).plusSeconds(90)),
            (cluster, due) -> {
              long until = System.currentTimeMillis() + deadline(count).toMillis();
              while (System.currentTimeMillis() < until && delivered() < expected / 4) {
                Thread.sleep(20);
              }
              deliveredAtStop = delivered();
              Instant stopping = Instant.now();
              server.stopServer(stopMode);
              Thread.sleep(outage.toMillis());
              server.startServer();
              outageStarted = stopping;
              outageEnded = Instant.now();
              retried = cluster;
            });
    // what the nodes did about it (their logs; the run ledger shows only the outcome)
    System.out.printf(
        "  node log lines: delivery step retried %d, fire's look-up or claim retried %d,"
            + " delivery-log write retried %d, lease renewal failed %d%n",
        retried.lines("recipients already sent are not sent again"),
        retried.lines("could not look up or claim"),
        retried.lines("Writing the delivery log failed"),
        retried.lines("could not renew the lease"));
    System.out.printf(
        "  database stopped (-m %s) %.1f s after the due instant with %d of %d deliveries made;"
            + " accepting connections again %.1f s later; last delivery %.1f s after that%n",
        stopMode,
        (outageStarted.toEpochMilli() - dueOfLastRun.toEpochMilli()) / 1000.0,
        deliveredAtStop,
        expected,
        outageSeconds(),
        (Math.max(telegramSpan()[1], loopsLast()) - outageEnded.toEpochMilli()) / 1000.0);
    return report;
  }

  private Cluster retried;
  Instant outageStarted;
  Instant outageEnded;
  int deliveredAtStop;

  /** From the stop command to the server accepting connections again. */
  double outageSeconds() {
    return (outageEnded.toEpochMilli() - outageStarted.toEpochMilli()) / 1000.0;
  }

  private int delivered() {
    return lastProviders.telegram.delivered().size() + lastProviders.loops.delivered().size();
  }

  private long loopsLast() {
    return lastProviders.loops.delivered().stream()
        .mapToLong(e -> e.receivedAt().toEpochMilli())
        .max()
        .orElse(0);
  }

  /** How the schedules fared after the whole cluster was down across their instants. */
  record Downtime(
      Instant first,
      Instant second,
      Instant down,
      Instant back,
      Duration grace,
      int beyondGrace,
      int beyondSkippedOnce,
      int withinGrace,
      int withinRunOnce,
      int daily,
      int dailyRunOnce,
      int runs,
      long withinLatenessMaxMs) {

    /** Every schedule has exactly the one run it should have, and no other. */
    boolean asExpected() {
      return beyondSkippedOnce == beyondGrace
          && withinRunOnce == withinGrace
          && dailyRunOnce == daily
          && runs == beyondGrace + withinGrace + daily;
    }

    @Override
    public String toString() {
      return String.format(
          "  cluster down %.1f s (stopped %.1f s before the first instant, back %.1f s after the"
              + " second), grace %s%n"
              + "  beyond the grace (due at the first instant): %d of %d recorded skipped_missed"
              + " once%n"
              + "  within the grace (due at the second): %d of %d run once, fire lateness max %d"
              + " ms%n"
              + "  daily, triggers set back 3 days while down (4 instants missed): %d of %d run"
              + " once, for the latest instant%n"
              + "  runs recorded %d for %d schedules",
          (back.toEpochMilli() - down.toEpochMilli()) / 1000.0,
          (first.toEpochMilli() - down.toEpochMilli()) / 1000.0,
          (back.toEpochMilli() - second.toEpochMilli()) / 1000.0,
          grace,
          beyondSkippedOnce,
          beyondGrace,
          withinRunOnce,
          withinGrace,
          withinLatenessMaxMs,
          dailyRunOnce,
          daily,
          runs,
          beyondGrace + withinGrace + daily);
    }
  }

  Downtime downtime;

  /**
   * All nodes stopped (SIGTERM) before two instants {@code minutesApart} apart and started again
   * just after the second, with a missed-run grace of the same length: the first instant is then
   * beyond the grace, the second within it (if the nodes fire it within that time). A third of the
   * schedules (due at the first instant) must be recorded {@code skipped_missed}, a third (due at
   * the second) must run once. The last third fire daily at the second instant's time; while the
   * cluster is down their triggers are set back three days, as if it had been down since then: they
   * too must run once, for the latest instant, not once per missed instant.
   */
  ScenarioReport clusterDown(int count, int minutesApart) throws Exception {
    Duration grace = Duration.ofMinutes(minutesApart);
    reset();
    Path dir = Files.createTempDirectory("cluster-down");
    int beyond = count / 3;
    int within = count / 3;
    int daily = count - beyond - within;
    try (Providers providers = new Providers(42)) {
      lastProviders = providers;
      // as in run(), less: the first instant need only come after the nodes stopped
      // (measured: 3 nodes start and stop in 15-20 s with 30 schedules on two cores)
      Duration lead = Duration.ofSeconds(35).plusMillis(count * 40L);
      Instant first =
          Instant.now().plus(lead).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      Instant second = first.plus(grace);
      dueOfLastRun = second;
      Workload skipped = new Workload(dsl, 1_000_000).schedules(beyond, first, true, false);
      Workload delivered =
          new Workload(dsl)
              .schedules(within, second, true, false)
              .schedules(daily, Workload.dailyAt(second), true, false);
      try (Cluster cluster =
          new Cluster(dbUrl, dbUser, providers, dir)
              .with("REPORTS_MISSED_RUN_GRACE", grace.toString())) {
        cluster.start(THREE_NODES);
        int triggers = dsl.fetchCount(DSL.table("qrtz_triggers"));
        cluster.stopAll();
        Instant down = Instant.now();
        System.out.printf(
            "cluster down: %d schedules, triggers made by the nodes %d, all nodes stopped %d s"
                + " before the first instant %s%n",
            count, triggers, Duration.between(down, first).toSeconds(), first);
        if (triggers < count || down.isAfter(first.minusSeconds(2))) {
          throw new IllegalStateException(
              String.format(
                  "the nodes were not ready and stopped before the first instant %s (%d of %d"
                      + " triggers); the lead in Scenarios is too short for this machine",
                  first, triggers, count));
        }
        // the outage has lasted three days for the daily schedules: their triggers say so
        List<String> dailyIds =
            delivered.schedules.subList(within, within + daily).stream()
                .map(Object::toString)
                .toList();
        int setBack =
            dsl.update(DSL.table("qrtz_triggers"))
                .set(
                    DSL.field("next_fire_time", Long.class),
                    second.minus(3, ChronoUnit.DAYS).toEpochMilli())
                .where(DSL.field("trigger_name", String.class).in(dailyIds))
                .execute();
        if (setBack != daily) {
          throw new IllegalStateException(setBack + " of " + daily + " daily triggers set back");
        }
        while (Instant.now().isBefore(second.plusSeconds(1))) {
          Thread.sleep(100);
        }
        cluster.start(THREE_NODES);
        Instant back = Instant.now();
        Instant deadline = back.plus(deadline(count));
        while (Instant.now().isBefore(deadline)
            && !(settled(delivered, providers) && dsl.fetchCount(SHARED_REPORT_RUNS) >= count)) {
          Thread.sleep(500);
        }
        Thread.sleep(3_000); // a late duplicate, if any, shows up
        ScenarioReport report =
            ScenarioReport.collect("cluster down", dsl, providers, delivered, second);
        downtime =
            new Downtime(
                first,
                second,
                down,
                back,
                grace,
                beyond,
                runOnce(skipped.schedules, first, "skipped_missed", "missed"),
                within,
                runOnce(delivered.schedules.subList(0, within), second, "succeeded", "scheduled"),
                daily,
                runOnce(
                    delivered.schedules.subList(within, within + daily),
                    second,
                    "succeeded",
                    "scheduled"),
                dsl.fetchCount(SHARED_REPORT_RUNS),
                latenessMax(delivered.schedules.subList(0, within)));
        System.out.println(report);
        System.out.println(downtime);
        if (!report.complete() || !downtime.asExpected()) {
          System.out.println(cluster.output());
        }
        return report;
      }
    }
  }

  /** How many of {@code schedules} have exactly one run, for {@code instant}, as given. */
  private int runOnce(List<UUID> schedules, Instant instant, String status, String kind) {
    var r = SHARED_REPORT_RUNS;
    Map<UUID, List<Record3<OffsetDateTime, String, String>>> runs =
        dsl.select(r.SCHEDULE_ID, r.SCHEDULED_FOR, r.STATUS, r.KIND)
            .from(r)
            .where(r.SCHEDULE_ID.in(schedules))
            .fetchGroups(r.SCHEDULE_ID, rec -> rec.into(r.SCHEDULED_FOR, r.STATUS, r.KIND));
    int once = 0;
    for (UUID id : schedules) {
      List<Record3<OffsetDateTime, String, String>> of = runs.getOrDefault(id, List.of());
      if (of.size() == 1
          && of.get(0).value1().toInstant().equals(instant)
          && of.get(0).value2().equals(status)
          && of.get(0).value3().equals(kind)) {
        once++;
      }
    }
    return once;
  }

  private long latenessMax(List<UUID> schedules) {
    var r = SHARED_REPORT_RUNS;
    return dsl
        .select(r.SCHEDULED_FOR, r.STARTED_AT)
        .from(r)
        .where(r.SCHEDULE_ID.in(schedules))
        .fetch()
        .stream()
        .mapToLong(
            rec -> Duration.between(rec.get(r.SCHEDULED_FOR), rec.get(r.STARTED_AT)).toMillis())
        .max()
        .orElse(-1);
  }

  Instant dueOfLastRun;
  Instant killedAt;
  Instant takenOverAt;
  int killedHolding;
  private Providers lastProviders;

  /** The first and last accepted Telegram upload of the last scenario, epoch millis. */
  long[] telegramSpan() {
    List<FakeTelegramServer.Upload> delivered = lastProviders.telegram.delivered();
    long first = delivered.stream().mapToLong(u -> u.receivedAt().toEpochMilli()).min().orElse(0);
    long last = delivered.stream().mapToLong(u -> u.receivedAt().toEpochMilli()).max().orElse(0);
    return new long[] {first, last};
  }

  interface Action {
    void during(Cluster cluster, Instant due) throws Exception;
  }

  private ScenarioReport run(String name, Setup setup, Action action) throws Exception {
    try {
      return run(name, setup, action, 1);
    } catch (NotReady e) {
      // the machine was busier than the lead allows for: the harness's fault, not a lost report;
      // once more, with twice the lead
      System.out.printf("%s: %s; again with twice the lead%n", name, e.getMessage());
      return run(name, setup, action, 2);
    }
  }

  /** The nodes were not ready before the due instant: the scenario never started. */
  static final class NotReady extends IllegalStateException {
    NotReady(String message) {
      super(message);
    }
  }

  private ScenarioReport run(String name, Setup setup, Action action, int leadScale)
      throws Exception {
    reset();
    Path dir = Files.createTempDirectory("cluster-" + name.replace(' ', '-'));
    try (Providers providers = new Providers(42)) {
      lastProviders = providers;
      setup.providers().accept(providers);
      // the nodes create the triggers when they start (the reconciler's first pass), so the
      // instant leaves time for that, then is the next whole minute
      // (measured: ~40 ms per schedule with three nodes starting at once on two cores)
      Duration lead =
          Duration.ofSeconds(40).plusMillis(setup.schedules() * 40L).multipliedBy(leadScale);
      Instant due =
          Instant.now().plus(lead).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      dueOfLastRun = due;
      Workload workload =
          new Workload(dsl).schedules(setup.schedules(), due, setup.telegram(), setup.email());
      try (Cluster cluster = new Cluster(dbUrl, dbUser, providers, dir)) {
        cluster.start(setup.nodes());
        System.out.printf(
            "%s: %d nodes up, %,d schedules due at %s (in %d s)%n",
            name,
            setup.nodes().length,
            setup.schedules(),
            due,
            Duration.between(Instant.now(), due).toSeconds());
        // a trigger created after its instant would wait a year: that is the harness's fault,
        // and must not be reported as a lost report
        int triggers = dsl.fetchCount(DSL.table("qrtz_triggers"));
        if (Instant.now().isAfter(due.minusSeconds(5)) || triggers < setup.schedules()) {
          throw new NotReady(
              String.format(
                  "the nodes were not ready before the due instant %s (%d of %d triggers); the"
                      + " lead in Scenarios is too short for this machine",
                  due, triggers, setup.schedules()));
        }
        while (Instant.now().isBefore(due)) {
          Thread.sleep(100);
        }
        action.during(cluster, due);
        Instant deadline = due.plus(setup.deadlineAfterDue());
        while (Instant.now().isBefore(deadline) && !settled(workload, providers)) {
          Thread.sleep(500);
        }
        Thread.sleep(3_000); // a late duplicate, if any, shows up
        ScenarioReport report = ScenarioReport.collect(name, dsl, providers, workload, due);
        System.out.println(report);
        if (!report.complete()) {
          System.out.println(cluster.output());
          System.out.println(unfinished());
          Path logs = Path.of("target", "cluster-logs", name.replace(' ', '-'));
          cluster.saveOutput(logs);
          System.out.println("  the nodes' whole output: " + logs.toAbsolutePath());
        }
        return report;
      }
    }
  }

  /** The runs not succeeded and deliveries not sent, with their errors: why a report is missing. */
  private String unfinished() {
    var r = SHARED_REPORT_RUNS;
    var n = SHARED_REPORT_NOTIFICATIONS;
    return "--- runs not succeeded\n"
        + dsl.select(r.ID, r.STATUS, r.NODE_ID, r.ATTEMPTS, r.ERROR)
            .from(r)
            .where(r.STATUS.ne("succeeded"))
            .limit(20)
            .fetch()
            .format()
        + "\n--- deliveries not sent\n"
        + dsl.select(n.RUN_ID, n.CHANNEL, n.RECIPIENT_KEY, n.STATUS, n.PAYLOAD)
            .from(n)
            .where(n.STATUS.ne("sent"))
            .limit(20)
            .fetch()
            .format();
  }

  /** Rows of the delivery log recorded {@code sent}. */
  int sentRows() {
    return dsl.fetchCount(
        SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.STATUS.eq("sent"));
  }

  /** Empties the ledger, the host data and the scheduler's tables: each scenario starts afresh. */
  private void reset() {
    dsl.execute(
        "truncate shared_report_notifications, shared_report_runs,"
            + " shared_report_schedule_recipients, shared_report_schedules, users, videos,"
            + " shared_links, organizations cascade");
    dsl.execute(
        "truncate qrtz_fired_triggers, qrtz_simple_triggers, qrtz_cron_triggers,"
            + " qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_triggers, qrtz_job_details,"
            + " qrtz_paused_trigger_grps, qrtz_scheduler_state");
  }

  /** Every recipient answered and no run or delivery still in progress. */
  private boolean settled(Workload workload, Providers providers) {
    try {
      return answered(workload, providers);
    } catch (DataAccessException databaseAway) {
      return false; // the database restart scenario asks while it comes back
    }
  }

  private boolean answered(Workload workload, Providers providers) {
    // every report delivered, or every schedule's run ended (a delivery given up is an answer too)
    return (providers.telegram.delivered().size() + providers.loops.delivered().size()
                >= workload.recipients()
            || dsl.fetchCount(
                    SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.SCHEDULE_ID.in(workload.schedules))
                >= workload.schedules.size())
        && dsl.fetchCount(SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.STATUS.eq("running")) == 0
        && dsl.fetchCount(
                SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.STATUS.eq("pending"))
            == 0;
  }

  /** Generous: the providers' limits alone need count/30 s for Telegram. */
  private static Duration deadline(int count) {
    return Duration.ofSeconds(60 + count / 10);
  }
}
