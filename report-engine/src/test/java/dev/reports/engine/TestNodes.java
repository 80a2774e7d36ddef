package dev.reports.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Test-data builder for engine nodes: one cluster (scheduler name) per test, fakes shared by its
 * nodes the way a database would share them, and the recording run steps.
 */
final class TestNodes implements AutoCloseable {
  final DataSource dataSource;
  final String cluster = "test-" + UUID.randomUUID().toString().substring(0, 8);
  final FakeRunLog runLog = new FakeRunLog();
  final FakeReportDefinitions definitions = new FakeReportDefinitions();
  final RecordingSteps steps = new RecordingSteps();
  private final List<ReportEngine> engines = new ArrayList<>();
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final String url;
  private final String user;

  TestNodes(DataSource dataSource) {
    this(dataSource, null, null);
  }

  /** Nodes that can each get their own connection pool, like separate processes would. */
  TestNodes(DataSource dataSource, String url, String user) {
    this.dataSource = dataSource;
    this.url = url;
    this.user = user;
  }

  /** A pool of its own for one node: threads + 3 connections, as the engine needs. */
  DataSource poolFor(String nodeId, int threads) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(threads + 3);
    config.setPoolName("node-" + nodeId);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  /** A node builder of this cluster with test-friendly settings (seconds in cron, short lease). */
  ReportEngine.Builder builder(String nodeId) {
    return builder(nodeId, dataSource);
  }

  ReportEngine.Builder builder(String nodeId, DataSource nodeDataSource) {
    ReportEngine.Builder b =
        ReportEngine.builder(nodeDataSource)
            .schedulerName(cluster)
            .nodeId(nodeId)
            .reportDefinitions(definitions)
            .runLog(runLog)
            .threads(4)
            .minimumInterval(Duration.ofSeconds(1))
            .reportRetries(3, Duration.ofMillis(50))
            .runLease(Duration.ofSeconds(4));
    EngineTestHooks.secondsInCron(b);
    return EngineTestHooks.steps(b, steps);
  }

  ReportEngine start(ReportEngine.Builder builder) {
    ReportEngine engine = builder.build();
    engines.add(engine);
    engine.start();
    return engine;
  }

  ReportEngine node(String nodeId) {
    return start(builder(nodeId));
  }

  /** A schedule with a report definition the job can find. */
  Schedule schedule(ScheduleSpec spec) {
    Schedule s = new Schedule(UUID.randomUUID(), spec, true);
    definitions.put(
        new ReportDefinition(
            s.id(), UUID.randomUUID(), new FakeReport(), spec.zone(), Set.of(Channel.EMAIL)));
    return s;
  }

  Schedule everySeconds(int seconds) {
    return schedule(ScheduleSpec.cron("*/" + seconds + " * * * * *", ZoneId.of("Europe/Berlin")));
  }

  @Override
  public void close() {
    for (ReportEngine e : engines) {
      e.stop(Duration.ofSeconds(5));
    }
    pools.forEach(HikariDataSource::close);
  }
}
