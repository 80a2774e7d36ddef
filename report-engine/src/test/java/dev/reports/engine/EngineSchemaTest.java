package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own tables: created by one call, behind a prefix, checked before it runs. */
class EngineSchemaTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);

  @TempDir Path dir;

  @Test
  void anEngineOnAnEmptySchemaRefusesWithinSecondsNamingTheMissingTablesAndTheFix() {
    String prefix = "empty_";
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> Engines.withFakes(db.dataSource()).tablePrefix(prefix).build())
                .isInstanceOf(ReportEngineException.class)
                .hasMessageStartingWith(
                    "report engine tables missing: empty_qrtz_job_details, empty_qrtz_triggers,")
                .hasMessageContaining("empty_delivery_rate_permits")
                .hasMessageContaining("empty_report_engine_runs")
                .hasMessageContaining("apply ReportEngine.migrate(dataSource)")
                .hasMessageContaining("add " + EngineSchema.LOCATION + " to your Flyway"));
  }

  @Test
  void migrateCreatesEveryTableBehindThePrefixOnceAndTheCheckThenPasses() throws Exception {
    EngineSchema schema = EngineSchema.withPrefix("mig_");

    assertThat(schema.migrate(db.dataSource()))
        .isEqualTo(new EngineSchema.Migrated(EngineSchema.VERSION, 3));
    assertThat(schema.migrate(db.dataSource()))
        .isEqualTo(new EngineSchema.Migrated(EngineSchema.VERSION, 0));

    schema.check(db.dataSource());
    assertThat(tablesLike("mig\\_%"))
        .containsAll(schema.tables())
        .contains("mig_" + EngineSchema.HISTORY_TABLE);
    assertThat(schema.tables()).hasSize(15).allMatch(t -> t.startsWith("mig_"));
  }

  @Test
  void aTableLackingAColumnOfThisVersionIsNamedAsTooOld() throws Exception {
    EngineSchema schema = EngineSchema.withPrefix("old_");
    schema.migrate(db.dataSource());
    execute("alter table old_report_engine_runs drop column lease_expires_at");

    assertThatThrownBy(() -> schema.check(db.dataSource()))
        .isInstanceOf(ReportEngineException.class)
        .hasMessageStartingWith(
            "report engine tables older than version "
                + EngineSchema.VERSION
                + ": old_report_engine_runs —");
  }

  @Test
  void migrateWorksOnADatabaseThatAlreadyHoldsTheHostsTables() throws Exception {
    execute("create table host_orders (id bigint primary key)");
    EngineSchema schema = EngineSchema.withPrefix("host_");

    schema.migrate(db.dataSource());

    schema.check(db.dataSource());
  }

  @Test
  void aPrefixOutsideLowerCaseLettersDigitsAndUnderscoresIsRefused() {
    assertThatThrownBy(() -> EngineSchema.withPrefix("x; drop table y"))
        .isInstanceOf(ReportEngineException.class)
        .hasMessageContaining("tablePrefix");
  }

  @Test
  void anEngineWithoutItsOwnLedgerAndLogRecordsRunsAndDeliveriesInItsTables() throws Exception {
    EngineSchema.withPrefix("own_").migrate(db.dataSource());
    UUID scheduleId = UUID.randomUUID();
    ZoneId zone = ZoneId.of("Europe/Berlin");
    FakeDeliveryChannel email = new FakeDeliveryChannel(Channel.EMAIL);
    ReportEngine.Builder builder =
        ReportEngine.builder(db.dataSource())
            .tablePrefix("own_")
            .schedulerName("own-" + UUID.randomUUID().toString().substring(0, 8))
            .reportDefinitions(
                new FakeReportDefinitions()
                    .put(
                        new ReportDefinition(
                            scheduleId,
                            UUID.randomUUID(),
                            new FakeReport(),
                            zone,
                            Set.of(Channel.EMAIL))))
            .recipients(
                new FakeRecipientResolver()
                    .add(Recipient.email(UUID.randomUUID(), "someone@example.com")))
            .workDir(dir)
            .channel(email);
    try (ReportEngine engine = builder.build()) {
      engine.start();
      engine.schedule(new Schedule(scheduleId, ScheduleSpec.daily(LocalTime.of(9, 0), zone), true));
      UUID runId = engine.runNow(scheduleId);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "succeeded"
                      .equals(
                          value(
                              "select status from own_report_engine_runs where id = '"
                                  + runId
                                  + "'")));
      assertThat(value("select count(*) from own_qrtz_triggers")).isNotEqualTo("0");
      assertThat(
              value(
                  "select status || ' ' || recipient_key from own_report_engine_deliveries where"
                      + " run_id = '"
                      + runId
                      + "'"))
          .startsWith("sent user:");
      assertThat(value("select count(*) from own_report_engine_schedules")).isEqualTo("1");
    }
    assertThat(email.sent()).hasSize(1);
  }

  private static List<String> tablesLike(String pattern) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select table_name from information_schema.tables where table_name like '"
                    + pattern
                    + "'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String value(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
