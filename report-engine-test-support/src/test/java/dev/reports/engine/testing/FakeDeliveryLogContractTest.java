package dev.reports.engine.testing;

import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.testing.contract.DeliveryLogContract;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The fake delivery log fenced by a fake run ledger, as the database's log is by its ledger. */
class FakeDeliveryLogContractTest extends DeliveryLogContract {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private final FakeRunLog runLog = new FakeRunLog();

  @Override
  protected DeliveryLog deliveryLog() {
    return new FakeDeliveryLog(runLog);
  }

  @Override
  protected Run startRun() {
    Run candidate =
        new Run(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), RunKind.SCHEDULED, 1);
    return runLog.claim(candidate, "node-1", LEASE).orElseThrow();
  }

  @Override
  protected Run takeOver(Run run) {
    runLog.expireLease(run);
    Run candidate = new Run(UUID.randomUUID(), run.scheduleId(), run.scheduledFor(), run.kind(), 1);
    return runLog.claim(candidate, "node-2", LEASE).orElseThrow();
  }
}
