package dev.reports.service.cluster;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The cluster scenarios, each sized by its caller: small in the test suite ({@code
 * ClusterScenariosIT}), full size as benchmark commands ({@code ClusterBenchmarkIT}). Each seeds
 * schedules due at one whole minute, starts the nodes, waits (bounded) until every recipient has
 * its report or the deadline passes, and returns what happened.
 */
final class Scenarios {
  static final String[] THREE_NODES = {"node-1", "node-2", "node-3"};

  private final PostgresDatabase db;
  private final DSLContext dsl;

  Scenarios(PostgresDatabase db) {
    this.db = db;
    this.dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
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
   * The burst to email and Telegram recipients, with one node killed (SIGKILL) as soon as it has
   * claimed runs of it.
   */
  ScenarioReport nodeKill(int count) throws Exception {
    ScenarioReport report =
        run(
            "node kill",
            new Setup(count, true, true, THREE_NODES, p -> {}, deadline(count).plusSeconds(60)),
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
              int holding =
                  dsl.fetchCount(
                      SHARED_REPORT_RUNS,
                      SHARED_REPORT_RUNS.NODE_ID.eq("node-3"),
                      SHARED_REPORT_RUNS.STATUS.eq("running"));
              cluster.kill("node-3");
              killedAt = Instant.now();
              killedHolding = holding;
            });
    System.out.printf(
        "  node-3 killed (SIGKILL) %.1f s after the due instant holding %d running runs;"
            + " last delivery %.1f s after the kill%n",
        (killedAt.toEpochMilli() - dueOfLastRun.toEpochMilli()) / 1000.0,
        killedHolding,
        (telegramSpan()[1] - killedAt.toEpochMilli()) / 1000.0);
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
            deadline(count).plusSeconds(timeouts ? 300 : 90)),
        (cluster, due) -> {});
  }

  /** {@code count} Telegram reports through one bot at 30 messages/s. */
  ScenarioReport rateBound(int count, String... nodes) throws Exception {
    return run(
        "rate bound",
        new Setup(count, true, false, nodes, p -> {}, deadline(count).plusSeconds(count / 15)),
        (cluster, due) -> {});
  }

  Instant dueOfLastRun;
  Instant killedAt;
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
    reset();
    Path dir = Files.createTempDirectory("cluster-" + name.replace(' ', '-'));
    try (Providers providers = new Providers(42)) {
      lastProviders = providers;
      setup.providers().accept(providers);
      // the nodes create the triggers when they start (the reconciler's first pass), so the
      // instant leaves time for that, then is the next whole minute
      // (measured: ~40 ms per schedule with three nodes starting at once on two cores)
      Duration lead = Duration.ofSeconds(40).plusMillis(setup.schedules() * 40L);
      Instant due =
          Instant.now().plus(lead).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      dueOfLastRun = due;
      Workload workload =
          new Workload(dsl).schedules(setup.schedules(), due, setup.telegram(), setup.email());
      try (Cluster cluster = new Cluster(db.url(), db.user(), providers, dir)) {
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
          throw new IllegalStateException(
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
        }
        return report;
      }
    }
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
    return providers.telegram.delivered().size() + providers.loops.delivered().size()
            >= workload.recipients()
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
