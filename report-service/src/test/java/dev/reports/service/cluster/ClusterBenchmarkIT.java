package dev.reports.service.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster scenarios at full size: benchmark commands, not tests (see docs/benchmarks.md). One
 * scenario per command:
 *
 * <pre>
 * mvn -B -pl report-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test='ClusterBenchmarkIT#burst' -Dbenchmark=true [-Dbenchmark.schedules=10000]
 * </pre>
 *
 * <p>{@code #burst}, {@code #nodeKill} ({@code -Dbenchmark.email=false}: Telegram only, as the
 * full-size burst; with email, 10,000 reports take at least 1,000 s at Loops' 10/s for one team),
 * {@code #providerChaos} ({@code -Dbenchmark.timeouts=false}: only 429s and 5xx, no unanswered
 * requests), {@code #rateBound}, {@code #databaseRestart} ({@code -Dbenchmark.outageSeconds=10
 * -Dbenchmark.stopMode=fast|immediate -Dbenchmark.email=true}; Telegram only by default, as three
 * nodes exceed Loops' limit in a large burst whatever the database does), {@code #clusterDown}
 * ({@code -Dbenchmark.minutesApart=2}: the gap between the two instants and the missed-run grace).
 * Figures are printed and appended to {@code target/cluster-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ClusterBenchmarkIT {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  final Scenarios scenarios = new Scenarios(db);

  @Test
  void burst() throws Exception {
    ScenarioReport report =
        scenarios.burst(Integer.getInteger("benchmark.schedules", 10_000), false);
    record(report.toString());
    assertThat(report.complete()).as(report.toString()).isTrue();
  }

  @Test
  void nodeKill() throws Exception {
    ScenarioReport report =
        scenarios.nodeKill(
            Integer.getInteger("benchmark.schedules", 10_000),
            Boolean.parseBoolean(System.getProperty("benchmark.email", "true")));
    record(
        report
            + String.format("%n  node-3 killed holding %d running runs", scenarios.killedHolding));
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).isEqualTo(report.duplicatedOnTelegram());
    assertThat(report.duplicatedOnTelegram()).isLessThanOrEqualTo(scenarios.killedHolding);
  }

  @Test
  void providerChaos() throws Exception {
    ScenarioReport report =
        scenarios.providerChaos(
            Integer.getInteger("benchmark.schedules", 1_000),
            0.2,
            Boolean.parseBoolean(System.getProperty("benchmark.timeouts", "true")));
    record(report.toString());
    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(report.notificationsNotSent()).isZero();
  }

  @Test
  void rateBound() throws Exception {
    int count = Integer.getInteger("benchmark.schedules", 1_000);
    int nodes = Integer.getInteger("benchmark.nodes", 3);
    String[] ids = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      ids[i] = "node-" + (i + 1);
    }
    ScenarioReport report = scenarios.rateBound(count, ids);
    long[] span = scenarios.telegramSpan();
    double bound = count / 30.0;
    double took = (span[1] - span[0]) / 1000.0;
    String summary =
        report
            + String.format(
                "%n  %d nodes; first to last delivery %.1f s; bound %.1f s, limit 1.2 x = %.1f s",
                nodes, took, bound, 1.2 * bound);
    record(summary);
    assertThat(report.complete()).as(summary).isTrue();
    assertThat(took).as(summary).isLessThanOrEqualTo(1.2 * bound);
    assertThat(report.overLimit()).as(summary).isZero();
  }

  @Test
  void databaseRestart() throws Exception {
    Optional<String> unavailable = OwnedPostgres.unavailable();
    assumeTrue(unavailable.isEmpty(), () -> "no PostgreSQL the harness can own: " + unavailable);
    int count = Integer.getInteger("benchmark.schedules", 1_000);
    Duration outage = Duration.ofSeconds(Integer.getInteger("benchmark.outageSeconds", 10));
    String mode = System.getProperty("benchmark.stopMode", "fast");
    try (OwnedPostgres server = OwnedPostgres.start();
        HikariDataSource pool = server.createDatabase("reports")) {
      Scenarios onOwned = new Scenarios(server.url("reports"), OwnedPostgres.USER, pool);
      ScenarioReport report =
          onOwned.databaseRestart(
              server, count, Boolean.getBoolean("benchmark.email"), outage, mode);
      record(
          report
              + String.format(
                  "%n  database stopped (-m %s) with %d deliveries made, down %.1f s",
                  mode, onOwned.deliveredAtStop, onOwned.outageSeconds()));
      assertThat(report.lost()).as(report.toString()).isZero();
      assertThat(report.duplicated()).as(report.toString()).isZero();
      assertThat(report.notificationsNotSent()).as(report.toString()).isZero();
    }
  }

  @Test
  void clusterDown() throws Exception {
    ScenarioReport report =
        scenarios.clusterDown(
            Integer.getInteger("benchmark.schedules", 1_000),
            Integer.getInteger("benchmark.minutesApart", 2));
    record(report + System.lineSeparator() + scenarios.downtime);
    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(scenarios.downtime.asExpected()).as(scenarios.downtime.toString()).isTrue();
  }

  private static void record(String text) throws Exception {
    System.out.println(text);
    Files.writeString(
        Path.of("target", "cluster-benchmark.txt"),
        text + System.lineSeparator(),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
