package dev.reports.engine.delivery.internal;

import dev.reports.engine.EngineSchema;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.internal.JdbcRunLog;
import dev.reports.engine.testing.EngineLeases;
import dev.reports.engine.testing.contract.DeliveryLogContract;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's JDBC delivery log, fenced by its JDBC run ledger, keeps every rule of the delivery
 * log contract on PostgreSQL; here behind a table prefix, as a host that wants one has its tables.
 */
class JdbcDeliveryLogTest extends DeliveryLogContract {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase(false);

  private static final EngineSchema SCHEMA = EngineSchema.withPrefix("eng_");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private RunLog runLog;

  @BeforeAll
  static void migrate() {
    SCHEMA.migrate(db.dataSource());
  }

  @Override
  protected DeliveryLog deliveryLog() {
    runLog = new JdbcRunLog(db.dataSource(), SCHEMA);
    return new JdbcDeliveryLog(db.dataSource(), SCHEMA);
  }

  @Override
  protected Run startRun() {
    return runLog.claim(candidate(UUID.randomUUID(), Instant.now()), "node-1", LEASE).orElseThrow();
  }

  @Override
  protected Run takeOver(Run run) {
    EngineLeases.expire(db.dataSource(), SCHEMA, run.id());
    return runLog
        .claim(candidate(run.scheduleId(), run.scheduledFor()), "node-2", LEASE)
        .orElseThrow();
  }

  private static Run candidate(UUID schedule, Instant instant) {
    return new Run(
        UUID.randomUUID(), schedule, instant.truncatedTo(ChronoUnit.MILLIS), RunKind.SCHEDULED, 1);
  }
}
