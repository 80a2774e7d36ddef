package dev.reports.engine.testing;

import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.run.Run;
import java.util.Map;
import java.util.UUID;

/**
 * Wraps a {@link DeliveryLog} and asks a {@link Fault} before (and after) every {@code complete}:
 * what it throws stands for the database failing (or the process dying) before the row is
 * completed.
 */
public final class FaultyDeliveryLog implements DeliveryLog {
  /**
   * Throws to fail the {@code complete} of this row with this status; returns to let it through.
   */
  @FunctionalInterface
  public interface Fault {
    void beforeComplete(UUID deliveryId, DeliveryStatus status);

    /** Runs once the row is completed: the process stalling between two recipients, say. */
    default void afterComplete(UUID deliveryId, DeliveryStatus status) {}
  }

  /**
   * Stands for the process dying: an {@link Error}, so nothing on the way catches it as a failure.
   */
  public static final class ProcessDeath extends Error {
    public ProcessDeath() {
      super("the process died after the provider accepted, before the delivery was recorded");
    }
  }

  private final DeliveryLog log;
  private final Fault fault;

  public FaultyDeliveryLog(DeliveryLog log, Fault fault) {
    this.log = log;
    this.fault = fault;
  }

  /**
   * The process "dies" right after a provider accepted a delivery, before it is recorded: {@code
   * complete(…, SENT, …)} throws {@link ProcessDeath} and leaves the row {@code pending}, as a
   * crash between sending and recording would.
   */
  public static FaultyDeliveryLog dyingAfterSend(DeliveryLog log) {
    return new FaultyDeliveryLog(
        log,
        (id, status) -> {
          if (status == DeliveryStatus.SENT) {
            throw new ProcessDeath();
          }
        });
  }

  @Override
  public DeliveryRecord open(Run run, DeliveryEntry entry, Map<String, Object> payload) {
    return log.open(run, entry, payload);
  }

  @Override
  public void complete(
      Run run, UUID deliveryId, DeliveryStatus status, Map<String, Object> payload) {
    fault.beforeComplete(deliveryId, status);
    log.complete(run, deliveryId, status, payload);
    fault.afterComplete(deliveryId, status);
  }
}
