package dev.reports.engine;

import static dev.reports.engine.report.Column.bool;
import static dev.reports.engine.report.Column.date;
import static dev.reports.engine.report.Column.decimal;
import static dev.reports.engine.report.Column.integer;
import static dev.reports.engine.report.Column.text;
import static dev.reports.engine.report.Column.timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.test.PostgresDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A report of the host's own shape, not the videos one, run by the engine from fire to file. */
class GenericReportEndToEndTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @TempDir Path workDir;

  @Test
  void aShopsOrdersReportIsWrittenByItsColumnTypesInTheSchedulesZoneAndDelivered() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    UUID scheduleId = UUID.randomUUID();
    FakeReport orders =
        new FakeReport()
            .columns(
                text("order_no"),
                timestamp("placed_at"),
                date("ship_by"),
                integer("items"),
                decimal("total"),
                bool("paid"),
                text("note"))
            .row(
                "A-1001",
                Instant.parse("2026-03-28T23:15:00Z"),
                LocalDate.of(2026, 4, 2),
                3,
                new BigDecimal("1E+3"),
                true,
                "=HYPERLINK(\"x\")")
            .row("A-1002", null, null, 1L, new BigDecimal("0.000001"), false, null)
            .description(new ReportDescription("Weekly orders", "weekly-orders"));
    FakeReportDefinitions definitions =
        new FakeReportDefinitions()
            .put(
                new ReportDefinition(
                    scheduleId,
                    UUID.randomUUID(),
                    orders,
                    berlin,
                    Set.of(Channel.EMAIL),
                    null,
                    false,
                    new CsvOptions(';', false)));
    FakeRunLog runLog = new FakeRunLog();
    FakeDeliveryChannel email = new FakeDeliveryChannel(Channel.EMAIL);

    try (ReportEngine engine =
        ReportEngine.builder(db.dataSource())
            .schedulerName("orders-" + scheduleId.toString().substring(0, 8))
            .reportDefinitions(definitions)
            .runLog(runLog)
            .recipients(
                new FakeRecipientResolver()
                    .add(Recipient.email(UUID.randomUUID(), "ops@shop.test")))
            .deliveryLog(new FakeDeliveryLog())
            .channel(email)
            .workDir(workDir)
            .build()) {
      engine.start();
      engine.schedule(
          new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(8, 0), berlin), true));
      UUID runId = engine.runNow(scheduleId);
      await().atMost(Duration.ofSeconds(20)).until(() -> runLog.result(runId).isPresent());
      assertThat(runLog.result(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    assertThat(email.sent()).hasSize(1);
    FakeDeliveryChannel.Sent sent = email.sent().get(0);
    assertThat(sent.delivery().file().fileName()).startsWith("weekly-orders-").endsWith(".csv");
    assertThat(sent.delivery().file().rows()).isEqualTo(2);
    assertThat(new String(sent.content(), StandardCharsets.UTF_8))
        .isEqualTo(
            "order_no;placed_at;ship_by;items;total;paid;note\r\n"
                + "\"A-1001\";2026-03-29T00:15:00+01:00;2026-04-02;3;1000;true;"
                + "\"'=HYPERLINK(\"\"x\"\")\"\r\n"
                + "\"A-1002\";;;1;0.000001;false;\r\n");
  }
}
