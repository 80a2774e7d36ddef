package dev.reports.service.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.config.DatabaseVendor;
import dev.reports.service.config.Secret;
import dev.reports.sql.Migrations;
import dev.reports.test.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * A database of the service at schema 6.3, whose {@code sql} migrations still created Quartz's
 * tables (V3, V3_4) and the rate permits (V4), upgrades to the engine owning them: the service's
 * Flyway tolerates the three applied migrations it no longer carries, the engine's migrations adopt
 * the tables under their unchanged names, and every trigger and permit stays.
 */
class EngineTablesUpgradeTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);

  /** The service's migrations as they were at 6.3: today's files and the three that moved. */
  private static final String LEGACY = "classpath:db/legacy-engine-tables";

  public static final class Noop implements Job {
    @Override
    public void execute(JobExecutionContext context) {}
  }

  @Test
  void aDatabaseAtSchema63KeepsItsLiveTriggersAndPermitsThroughTheUpgrade() throws Exception {
    Flyway legacy =
        Flyway.configure()
            .dataSource(db.dataSource())
            .locations(Migrations.POSTGRESQL.get(0), LEGACY)
            .load();
    assertThat(legacy.migrate().migrationsExecuted).isEqualTo(10);
    assertThat(legacy.info().current().getVersion().getVersion()).isEqualTo("6.3");
    String name = "scheduled-reports-" + UUID.randomUUID();
    Scheduler quartz = quartz(db.dataSource(), name);
    for (int i = 0; i < 3; i++) {
      quartz.scheduleJob(
          JobBuilder.newJob(Noop.class).withIdentity("job-" + i, "schedule").storeDurably().build(),
          TriggerBuilder.newTrigger()
              .withIdentity("trigger-" + i, "schedule")
              .withSchedule(CronScheduleBuilder.cronSchedule("0 30 9 * * ?"))
              .build());
    }
    quartz.shutdown();
    execute(
        "insert into delivery_rate_permits (limiter_key, granted_at, counts_until)"
            + " values ('bot', now(), now() + interval '1 hour')");
    List<String> triggersBefore = rows("select trigger_name, next_fire_time from qrtz_triggers");
    assertThat(triggersBefore).hasSize(3);

    try (Database database = Database.connect(settings())) {
      Database.Migrated migrated = database.migrate();

      assertThat(migrated.version()).contains("6.3");
      assertThat(migrated.applied()).isZero();
      assertThat(migrated.engine().applied()).isEqualTo(3);
      assertThat(database.schema().current()).isTrue();
    }

    assertThat(rows("select trigger_name, next_fire_time from qrtz_triggers"))
        .containsExactlyInAnyOrderElementsOf(triggersBefore);
    assertThat(rows("select limiter_key from delivery_rate_permits")).containsExactly("bot");
    Database.ENGINE_SCHEMA.check(db.dataSource());
    Scheduler again = quartz(db.dataSource(), name);
    try {
      assertThat(again.getTrigger(new org.quartz.TriggerKey("trigger-0", "schedule"))).isNotNull();
    } finally {
      again.shutdown();
    }
  }

  private static Scheduler quartz(DataSource dataSource, String name) throws SchedulerException {
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            name,
            new ConnectionProvider() {
              @Override
              public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
              }

              @Override
              public void shutdown() {}

              @Override
              public void initialize() {}
            });
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", name);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    return new StdSchedulerFactory(p).getScheduler();
  }

  private static DatabaseSettings settings() {
    return new DatabaseSettings(
        DatabaseVendor.POSTGRESQL, db.url(), db.user(), Secret.of(""), "test", db.name());
  }

  private static List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
