package dev.reports.engine.delivery.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.internal.JdbcRunLog;
import dev.reports.engine.testing.EngineLeases;
import dev.reports.engine.testing.H2Database;
import dev.reports.engine.testing.contract.DeliveryLogContract;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The engine's JDBC delivery log, fenced by its JDBC run ledger, keeps the delivery log contract on
 * H2 (PostgreSQL mode) too, under the tables' default names.
 */
class JdbcDeliveryLogOnH2Test extends DeliveryLogContract {
  private static final EngineSchema SCHEMA = EngineSchema.defaults();
  private static final DataSource H2 = H2Database.migrated(SCHEMA);
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final RunLog runLog = new JdbcRunLog(H2, SCHEMA);

  @Override
  protected DeliveryLog deliveryLog() {
    return new JdbcDeliveryLog(H2, SCHEMA);
  }

  @Override
  protected Run startRun() {
    return runLog.claim(candidate(UUID.randomUUID(), Instant.now()), "node-1", LEASE).orElseThrow();
  }

  @Override
  protected Run takeOver(Run run) {
    EngineLeases.expire(H2, SCHEMA, run.id());
    return runLog
        .claim(candidate(run.scheduleId(), run.scheduledFor()), "node-2", LEASE)
        .orElseThrow();
  }

  private static Run candidate(UUID schedule, Instant instant) {
    return new Run(
        UUID.randomUUID(), schedule, instant.truncatedTo(ChronoUnit.MILLIS), RunKind.SCHEDULED, 1);
  }
}
