package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;

import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.test.PostgresDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduler benchmark (a command, not a test; see docs/benchmarks.md): N schedules due at the
 * same instant on a two-node cluster of separate JVMs, then isolated schedules one at a time.
 * Prints fire lateness p50/p99/max, time until the last fired, fires per second, duplicates and
 * misses. With {@code benchmark.baseline=B}, first B schedules due at once with Quartz's own
 * per-trigger firing, then with ours, and the ratio of the two.
 *
 * <pre>
 * mvn -B -pl report-service -am verify -Dtest=SchedulerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark=true [-Dbenchmark.schedules=10000] [-Dbenchmark.isolated=40] [-Dbenchmark.threads=16] \
 *     [-Dbenchmark.baseline=2000] [-Dbenchmark.nodeOptions="-XX:StartFlightRecording=filename=/tmp/{node}.jfr"]
 * </pre>
 *
 * <p>{@code benchmark.nodeOptions}: JVM options for both nodes, {@code {node}} replaced by the
 * node's name (a flight recording of each, say).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SchedulerBenchmark {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  final int schedules = Integer.getInteger("benchmark.schedules", 10_000);
  final int isolated = Integer.getInteger("benchmark.isolated", 40);
  final int threads = Integer.getInteger("benchmark.threads", 16);
  final int baseline = Integer.getInteger("benchmark.baseline", 0);
  // extra JVM options for the two nodes, e.g. to record a flight recording of each
  final String nodeOptions = System.getProperty("benchmark.nodeOptions", "");
  final StringBuilder report = new StringBuilder();

  @Test
  void run() throws Exception {
    RunTables tables = new RunTables(db.dataSource());
    if (baseline > 0) {
      // The same burst with Quartz's own per-trigger firing and with ours, back to back on the
      // same machine: the ratio holds where the absolute figures follow the machine's load.
      Burst quartz = burst("baseline (Quartz's own firing)", baseline, 0, true, tables);
      Burst batched = burst("batched", baseline, 0, false, tables);
      line(
          "batched vs Quartz's own firing, %,d due at once: %.1fx the fires per second, the last"
              + " fired %.1fx sooner",
          baseline,
          batched.firesPerSecond() / quartz.firesPerSecond(),
          quartz.lastSeconds() / batched.lastSeconds());
    }
    if (schedules > 0) {
      burst("burst", schedules, isolated, false, tables);
    }
    System.out.println(report);
    Files.writeString(Path.of("target", "scheduler-benchmark.txt"), report.toString());
  }

  /** A burst's outcome: fires per second and seconds from the instant to the last fire. */
  record Burst(double firesPerSecond, double lastSeconds) {}

  private Burst burst(String name, int size, int alone, boolean quartz, RunTables tables)
      throws Exception {
    String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    ReportEngine scheduler = coordinator(cluster);
    List<UUID> burst = seed(tables.dsl, size, tables);
    List<UUID> isolatedIds = seed(tables.dsl, alone, tables);
    int before = finished(tables.dsl);

    // Measure how fast triggers are created, then put the burst instant after the last one.
    Instant started = Instant.now();
    List<UUID> warmup = burst.subList(0, Math.min(200, burst.size()));
    scheduleAll(scheduler, warmup, Instant.now().plus(Duration.ofDays(1)));
    double perSchedule =
        Duration.between(started, Instant.now()).toMillis() / (double) warmup.size();
    Instant due =
        Instant.now()
            .plusMillis((long) (perSchedule * size * 1.3) + 20_000)
            .truncatedTo(ChronoUnit.SECONDS);
    scheduleAll(scheduler, burst, due);
    line(
        "%s: created %,d triggers (%.1f ms each); burst instant %s, %ds ahead",
        name, size, perSchedule, due, Duration.between(Instant.now(), due).toSeconds());

    Path dir = Files.createTempDirectory("scheduler-benchmark");
    List<Process> nodes = new ArrayList<>();
    for (String node : List.of("node-a", "node-b")) {
      nodes.add(startNode(cluster, node, dir.resolve(node + ".csv"), quartz));
    }
    try {
      // Wait for the whole burst (bounded), so the isolated schedules do not queue behind it.
      long deadline = due.toEpochMilli() + Math.max(600_000, size * 100L);
      while (finished(tables.dsl) - before < size && System.currentTimeMillis() < deadline) {
        Thread.sleep(500);
      }
      line("%s finished in the ledger: %,d of %,d runs", name, finished(tables.dsl) - before, size);
      // Isolated schedules, one instant each, two seconds apart.
      Instant first = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
      for (int i = 0; i < isolatedIds.size(); i++) {
        scheduleAll(scheduler, List.of(isolatedIds.get(i)), first.plusSeconds(2L * i));
      }
      Instant last = first.plusSeconds(2L * Math.max(0, isolatedIds.size() - 1));
      while (finished(tables.dsl) - before < size + alone
          && Instant.now().isBefore(last.plusSeconds(30))) {
        Thread.sleep(500);
      }
      Thread.sleep(3_000); // late duplicates, if any, show up
    } finally {
      for (Process p : nodes) {
        p.destroy(); // SIGTERM: the node writes its records
      }
      for (Process p : nodes) {
        p.waitFor();
      }
      scheduler.stop(Duration.ofSeconds(5));
    }
    List<String[]> claims = new ArrayList<>();
    for (String node : List.of("node-a", "node-b")) {
      for (String l : Files.readAllLines(dir.resolve(node + ".csv"))) {
        String[] f = l.split(",");
        claims.add(new String[] {f[0], f[1], f[2], f[3], node});
      }
    }
    Burst result = summarize(name, claims, burst, due);
    if (alone > 0) {
      summarize("isolated", claims, isolatedIds, null);
    }
    return result;
  }

  private Burst summarize(String name, List<String[]> claims, List<UUID> ids, Instant due) {
    Map<String, Integer> firesPerKey = new HashMap<>();
    Map<String, Integer> perNode = new HashMap<>();
    List<Long> lateness = new ArrayList<>();
    java.util.Set<String> wanted = new java.util.HashSet<>();
    ids.forEach(id -> wanted.add(id.toString()));
    long lastClaim = 0;
    long firstClaim = Long.MAX_VALUE;
    for (String[] c : claims) {
      if (!wanted.contains(c[0])) {
        continue;
      }
      long scheduledFor = Long.parseLong(c[1]);
      long at = Long.parseLong(c[2]);
      firesPerKey.merge(c[0] + "@" + c[1], 1, Integer::sum);
      if (Boolean.parseBoolean(c[3])) {
        lateness.add(at - scheduledFor);
        perNode.merge(c[4], 1, Integer::sum);
        lastClaim = Math.max(lastClaim, at);
        firstClaim = Math.min(firstClaim, at);
      }
    }
    int duplicates = firesPerKey.values().stream().mapToInt(n -> n - 1).sum();
    long fired =
        firesPerKey.keySet().stream().map(k -> k.substring(0, k.indexOf('@'))).distinct().count();
    long misses = ids.size() - fired;
    Collections.sort(lateness);
    line(
        "%s: %,d schedules, fired %,d, duplicate fires %d, misses %d, per node %s",
        name, ids.size(), lateness.size(), duplicates, misses, perNode);
    if (!lateness.isEmpty()) {
      line(
          "  fire lateness ms: p50 %d, p99 %d, max %d",
          pct(lateness, 50), pct(lateness, 99), lateness.get(lateness.size() - 1));
    }
    if (due == null || lateness.isEmpty()) {
      return new Burst(0, 0);
    }
    double seconds = Math.max(0.001, (lastClaim - due.toEpochMilli()) / 1000.0);
    line(
        "  last fired %.1f s after the instant; %.0f fires/s (target: 10,000 within 30 s, 0"
            + " duplicates, 0 misses)",
        seconds, lateness.size() / seconds);
    return new Burst(lateness.size() / seconds, seconds);
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private void line(String format, Object... args) {
    String s = String.format(format, args);
    System.out.println(s);
    report.append(s).append('\n');
  }

  private ReportEngine coordinator(String cluster) {
    ReportEngine.Builder b =
        ReportEngine.builder(db.dataSource())
            .schedulerName(cluster)
            .nodeId("coordinator")
            .reportDefinitions(new FakeReportDefinitions())
            .runLog(new FakeRunLog());
    EngineTestHooks.secondsInCron(b);
    EngineTestHooks.steps(b, new BenchmarkNode.NoWork());
    return b.build(); // never started: it only creates triggers
  }

  private static List<UUID> seed(DSLContext dsl, int n, RunTables tables) {
    List<UUID> ids = new ArrayList<>(n);
    if (n == 0) {
      return ids;
    }
    var s = SHARED_REPORT_SCHEDULES;
    var insert =
        dsl.batch(
            dsl.insertInto(
                    s, s.ID, s.ORGANIZATION_ID, s.SHARED_LINK_ID, s.CRON_EXPRESSION, s.TIMEZONE)
                .values((UUID) null, null, null, null, null));
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      insert.bind(id, tables.organizationId, tables.sharedLinkId, "0 9 * * *", "UTC");
    }
    insert.execute();
    return ids;
  }

  private static void scheduleAll(ReportEngine engine, List<UUID> ids, Instant at)
      throws Exception {
    LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    ScheduleSpec spec =
        ScheduleSpec.cron(
            t.getSecond()
                + " "
                + t.getMinute()
                + " "
                + t.getHour()
                + " "
                + t.getDayOfMonth()
                + " * *",
            ZoneId.of("UTC"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (UUID id : ids) {
      done.add(pool.submit(() -> engine.schedule(new Schedule(id, spec, true))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static int finished(DSLContext dsl) {
    return dsl.fetchCount(SHARED_REPORT_RUNS, SHARED_REPORT_RUNS.STATUS.ne("running"));
  }

  private Process startNode(String cluster, String node, Path out, boolean quartz)
      throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    for (String option : nodeOptions.split("\\s+")) {
      if (!option.isBlank()) {
        command.add(option.replace("{node}", node));
      }
    }
    command.addAll(
        List.of(
            "-cp",
            classpath,
            BenchmarkNode.class.getName(),
            db.url(),
            db.user(),
            cluster,
            node,
            Integer.toString(threads),
            out.toString(),
            quartz ? "quartz" : "batched"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    pb.redirectOutput(new File("target/benchmark-" + node + ".log"));
    return pb.start();
  }
}
