package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.engine.testing.FakeScheduleCatalog;
import dev.reports.test.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReconcilerTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  static Schedule daily(int hour, boolean enabled) {
    return new Schedule(
        UUID.randomUUID(), ScheduleSpec.daily(LocalTime.of(hour, 0), ZONE), enabled);
  }

  static String state(String cluster, UUID scheduleId) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select trigger_state from qrtz_triggers where sched_name = ? and trigger_name = ?")) {
      ps.setString(1, cluster);
      ps.setString(2, scheduleId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void sql(String sql, String cluster, UUID scheduleId) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, cluster);
      ps.setString(2, scheduleId.toString());
      ps.executeUpdate();
    }
  }

  @Test
  void startCreatesTheTriggersOfEveryScheduleAndPausesDisabledOnes() {
    FakeScheduleCatalog catalog = new FakeScheduleCatalog();
    Schedule enabled = daily(9, true);
    Schedule disabled = daily(10, false);
    catalog.put(enabled).put(disabled);
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      ReportEngine engine = nodes.start(nodes.builder("a").scheduleCatalog(catalog));
      assertThat(engine.upcoming(enabled.id(), 2)).isEqualTo(engine.upcoming(enabled.spec(), 2));
      assertThat(engine.upcoming(disabled.id(), 1)).isEmpty();
      assertThat(engine.reconcile()).isZero();
    }
  }

  @Test
  void driftIsRepairedAndCounted() throws Exception {
    FakeScheduleCatalog catalog = new FakeScheduleCatalog();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      ReportEngine engine =
          nodes.builder("a").scheduleCatalog(catalog).meterRegistry(meters).build();
      Schedule missing = daily(9, true);
      Schedule errored = daily(10, true);
      Schedule changed = daily(11, true);
      Schedule disabledLater = daily(12, true);
      Schedule orphan = daily(13, true);
      for (Schedule s : new Schedule[] {missing, errored, changed, disabledLater, orphan}) {
        engine.schedule(s);
      }
      catalog.put(missing).put(errored).put(changed).put(disabledLater);
      assertThat(engine.reconcile()).as("only the orphan differs").isEqualTo(1);
      assertThat(engine.upcoming(orphan.id(), 1)).isEmpty();

      sql(
          "delete from qrtz_simprop_triggers where sched_name = ? and trigger_name = ?",
          nodes.cluster,
          missing.id());
      sql(
          "delete from qrtz_triggers where sched_name = ? and trigger_name = ?",
          nodes.cluster,
          missing.id());
      sql(
          "update qrtz_triggers set trigger_state = 'ERROR' where sched_name = ? and trigger_name = ?",
          nodes.cluster,
          errored.id());
      Schedule changedNow =
          new Schedule(changed.id(), ScheduleSpec.cron("30 7 * * 1-5", ZONE), true);
      catalog.put(changedNow);
      catalog.put(new Schedule(disabledLater.id(), disabledLater.spec(), false));

      assertThat(engine.reconcile()).isEqualTo(4);

      assertThat(engine.upcoming(missing.id(), 1)).isEqualTo(engine.upcoming(missing.spec(), 1));
      assertThat(state(nodes.cluster, errored.id())).isEqualTo("WAITING");
      assertThat(engine.upcoming(changed.id(), 3)).isEqualTo(engine.upcoming(changedNow.spec(), 3));
      assertThat(state(nodes.cluster, disabledLater.id())).isEqualTo("PAUSED");
      assertThat(engine.reconcile()).isZero();
      assertThat(meters.get("reports.reconcile.repairs").counters()).hasSize(5);
      engine.close();
    }
  }

  @Test
  void withoutACatalogTriggersInErrorAreStillRepaired() throws Exception {
    try (TestNodes nodes = new TestNodes(db.dataSource())) {
      ReportEngine engine = nodes.builder("a").build();
      Schedule s = daily(9, true);
      engine.schedule(s);
      sql(
          "update qrtz_triggers set trigger_state = 'ERROR' where sched_name = ? and trigger_name = ?",
          nodes.cluster,
          s.id());

      assertThat(engine.reconcile()).isEqualTo(1);
      assertThat(state(nodes.cluster, s.id())).isEqualTo("WAITING");
      engine.close();
    }
  }
}
