package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.testing.contract.DeliveryLogContract;
import dev.reports.service.run.JooqRunLog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * The service's delivery log ({@code shared_report_notifications}) keeps every rule of the engine's
 * delivery log contract, fenced by the service's run ledger; on PostgreSQL and on dev mode's H2.
 */
abstract class JooqDeliveryLogContract extends DeliveryLogContract {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final AtomicInteger instants = new AtomicInteger();

  private DSLContext db;
  private JooqRunLog runLog;
  private UUID organization;
  private ReportDefinition definition;

  /** The service's database, migrated. */
  protected abstract DSLContext database();

  @Override
  protected DeliveryLog deliveryLog() {
    db = database();
    runLog = new JooqRunLog(db);
    HostData data = new HostData(db);
    organization = data.organization();
    definition = data.schedule(organization, Channel.EMAIL, Channel.TELEGRAM);
    return new JooqDeliveryLog(db);
  }

  @Override
  protected UUID organizationId() {
    return organization;
  }

  @Override
  protected Recipient emailRecipient() {
    // the service's email recipients are its users
    return Recipient.email(
        new HostData(db).user(organization, "ann@example.com"), "ann@example.com");
  }

  @Override
  protected Run startRun() {
    Instant instant =
        Instant.now()
            .truncatedTo(ChronoUnit.MINUTES)
            .plus(instants.incrementAndGet(), ChronoUnit.MINUTES);
    return runLog.claim(candidate(instant), "node-1", LEASE).orElseThrow();
  }

  @Override
  protected Run takeOver(Run run) {
    db.update(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.LEASE_EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(SHARED_REPORT_RUNS.ID.eq(run.id()))
        .execute();
    return runLog.claim(candidate(run.scheduledFor()), "node-2", LEASE).orElseThrow();
  }

  private Run candidate(Instant instant) {
    return new Run(UUID.randomUUID(), definition.scheduleId(), instant, RunKind.SCHEDULED, 1);
  }
}
