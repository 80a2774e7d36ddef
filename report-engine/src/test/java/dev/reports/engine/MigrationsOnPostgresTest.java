package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.test.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsOnPostgresTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void migrationsCreateTheReportAndQuartzTables() throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select count(*) from information_schema.tables where table_name in"
                        + " ('shared_report_schedules','shared_report_runs','qrtz_triggers',"
                        + " 'videos_with_statistics_fast')")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(4);
    }
  }
}
