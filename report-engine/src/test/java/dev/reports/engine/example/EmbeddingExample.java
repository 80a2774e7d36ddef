package dev.reports.engine.example;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host service embedding the engine (referenced from docs/engine.md). A real host passes its own
 * implementations of the ports — the report service's jOOQ classes, say — where this example uses
 * the engine's in-memory ones.
 *
 * <p>Run it against a migrated database: {@code EmbeddingExample jdbc:postgresql://host/db user}.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /** The host's side of the engine: its ports. */
  public record Host(
      FakeReportDefinitions definitions,
      FakeReport report,
      FakeRecipientResolver recipients,
      FakeDeliveryLog deliveryLog,
      RunLog runLog,
      FakeDeliveryChannel email) {
    public static Host inMemory() {
      return new Host(
          new FakeReportDefinitions(),
          new FakeReport(),
          new FakeRecipientResolver().add(Recipient.email(UUID.randomUUID(), "ops@example.com")),
          new FakeDeliveryLog(),
          new FakeRunLog(),
          new FakeDeliveryChannel(Channel.EMAIL));
    }
  }

  /** Builds and starts a node: this is all the wiring a host needs. */
  public static ReportEngine start(DataSource dataSource, Host host) {
    ReportEngine engine =
        ReportEngine.builder(dataSource)
            .reportDefinitions(host.definitions())
            .recipients(host.recipients())
            .deliveryLog(host.deliveryLog())
            .runLog(host.runLog())
            .channel(host.email())
            .build();
    engine.start();
    return engine;
  }

  /** Schedules a daily report at 09:30 Berlin time, shows its next runs and runs it once now. */
  public static UUID scheduleAndRunNow(ReportEngine engine, Host host) {
    UUID scheduleId = UUID.randomUUID();
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    host.definitions()
        .put(
            new ReportDefinition(
                scheduleId, UUID.randomUUID(), host.report(), berlin, Set.of(Channel.EMAIL)));
    engine.schedule(
        new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(9, 30), berlin), true));
    List<Instant> next = engine.upcoming(scheduleId, 3);
    System.out.println("schedule " + scheduleId + " runs next at " + next);
    return engine.runNow(scheduleId);
  }

  public static void main(String[] args) throws InterruptedException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(args[0]);
    dataSource.setUser(args.length > 1 ? args[1] : "postgres");
    Host host = Host.inMemory();
    try (ReportEngine engine = start(dataSource, host)) {
      UUID runId = scheduleAndRunNow(engine, host);
      System.out.println("started run " + runId);
      Thread.sleep(Duration.ofSeconds(5).toMillis());
    }
  }
}
