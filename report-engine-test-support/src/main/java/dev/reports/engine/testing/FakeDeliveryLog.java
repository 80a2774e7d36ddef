package dev.reports.engine.testing;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link DeliveryLog}, unique per (run, channel, recipient) like the database's (the
 * failure alerts' rows apart from the reports'; a sent row stays sent), and fenced like it: a write
 * of a run's attempt that is no longer the ledger's is refused with {@link RunFencedException}.
 * With a {@link FakeRunLog} the ledger is that run log, as in the database; without one, the latest
 * attempt this log has seen of the run.
 */
public final class FakeDeliveryLog implements DeliveryLog {
  private final Map<String, UUID> byKey = new ConcurrentHashMap<>();
  private final Map<UUID, DeliveryRecord> rows = new ConcurrentHashMap<>();
  private final Map<UUID, Integer> latestAttempt = new ConcurrentHashMap<>();
  private final FakeRunLog runLog;

  /** Fenced by the latest attempt of each run that wrote to it. */
  public FakeDeliveryLog() {
    this(null);
  }

  /** Fenced by {@code runLog}, the run ledger, as the database's log is. */
  public FakeDeliveryLog(FakeRunLog runLog) {
    this.runLog = runLog;
  }

  @Override
  public synchronized DeliveryRecord open(
      Run run, DeliveryEntry entry, Map<String, Object> payload) {
    return fenced(
        run,
        () -> {
          String key = run.id() + "|" + entry.channel().code() + "|" + entry.key();
          UUID existing = byKey.get(key);
          if (existing != null) {
            return rows.get(existing);
          }
          DeliveryRecord row =
              new DeliveryRecord(
                  UUID.randomUUID(),
                  run.id(),
                  entry.channel(),
                  entry.key(),
                  DeliveryStatus.PENDING,
                  Map.copyOf(payload));
          byKey.put(key, row.id());
          rows.put(row.id(), row);
          return row;
        });
  }

  @Override
  public synchronized void complete(
      Run run, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload) {
    fenced(
        run,
        () -> {
          DeliveryRecord row = rows.get(deliveryId);
          if (row == null) {
            throw new ReportEngineException("no delivery row " + deliveryId);
          }
          if (row.status() == DeliveryStatus.SENT) {
            return row; // what the provider accepted stays sent, as in the database
          }
          rows.put(
              deliveryId,
              new DeliveryRecord(
                  row.id(), row.runId(), row.channel(), row.key(), status, Map.copyOf(payload)));
          return row;
        });
  }

  private DeliveryRecord fenced(Run run, java.util.function.Supplier<DeliveryRecord> write) {
    if (runLog != null) {
      synchronized (runLog) { // no claim can come between the check and the write
        if (!runLog.holds(run)) {
          throw RunFencedException.takenOver(run);
        }
        return write.get();
      }
    }
    int latest = latestAttempt.merge(run.id(), run.attempt(), Math::max);
    if (latest > run.attempt()) {
      throw RunFencedException.takenOver(run);
    }
    return write.get();
  }

  /** The row of the report's delivery to {@code recipient} in this run. */
  public DeliveryRecord row(UUID runId, Recipient recipient) {
    return forRun(runId).stream()
        .filter(r -> r.channel().equals(recipient.channel()) && r.key().equals(recipient.key()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + recipient.key()));
  }

  /** Every row of this run. */
  public List<DeliveryRecord> forRun(UUID runId) {
    return rows.values().stream().filter(r -> r.runId().equals(runId)).toList();
  }

  public List<DeliveryRecord> all() {
    return List.copyOf(rows.values());
  }
}
