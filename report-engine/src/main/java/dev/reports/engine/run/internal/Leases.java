package dev.reports.engine.run.internal;

import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.run.RunLog;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of this node's running runs alive, a third of a lease apart, and marks a run
 * lost when another node has taken it over (its lease expired while this node was stalled).
 *
 * <p>Each held run is also its {@link Fence}. The ledger measures a lease on the database's clock
 * from the moment it renews it, so this node knows a lower bound of its own: the {@link
 * System#nanoTime() monotonic} instant it asked, plus the lease, less a margin for clocks that run
 * at slightly different rates. Before that bound no other node can have taken the run over, and the
 * check costs a volatile read and a clock read; past it (the node stalled, or renewals failed) the
 * check asks the ledger itself, with a renewal conditional on the run's attempt.
 */
final class Leases implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  /** A run this node holds, and the fence that proves it. */
  final class Held implements Fence {
    final Run run;
    volatile boolean lost;
    // set while the run's end is being recorded: a renewal then would only race with it
    volatile boolean finishing;
    // System.nanoTime() before which the lease surely still holds
    private volatile long validUntil;

    Held(Run run, long claimedAt) {
      this.run = run;
      this.validUntil = claimedAt + safeLease;
    }

    @Override
    public void check() {
      if (lost) {
        throw RunFencedException.takenOver(run);
      }
      if (System.nanoTime() - validUntil < 0) {
        return;
      }
      confirm();
    }

    /** Past the local bound: only the ledger can tell whether the run is still this node's. */
    private synchronized void confirm() {
      if (lost) {
        throw RunFencedException.takenOver(run);
      }
      if (System.nanoTime() - validUntil < 0) {
        return; // renewed meanwhile
      }
      long asked = System.nanoTime();
      boolean ours;
      try {
        ours = runLog.renew(run, lease);
      } catch (RuntimeException e) {
        throw RunFencedException.unconfirmed(run, e);
      }
      if (!ours) {
        markLost();
        throw RunFencedException.takenOver(run);
      }
      renewed(asked);
    }

    void renewed(long asked) {
      long until = asked + safeLease;
      synchronized (this) {
        if (until - validUntil > 0) {
          validUntil = until;
        }
      }
    }

    void markLost() {
      if (!lost) {
        lost = true;
        log.warn(
            "run {} of schedule {} ({}, attempt {}) was taken over by another node; this node"
                + " stops it and records nothing more for it",
            run.id(),
            run.scheduleId(),
            run.scheduledFor(),
            run.attempt());
      }
    }
  }

  private final RunLog runLog;
  private final Duration lease;
  // the lease less a tenth, in nanoseconds: the part of it this node may count on by its own clock
  private final long safeLease;
  private final Map<UUID, Held> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewer;

  Leases(RunLog runLog, Duration lease, String threadName) {
    this.runLog = runLog;
    this.lease = lease;
    this.safeLease = lease.toNanos() - lease.toNanos() / 10;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(100, lease.toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Holds {@code run}, claimed by a request sent at {@code claimedAt} ({@link System#nanoTime}).
   */
  Held hold(Run run, long claimedAt) {
    Held h = new Held(run, claimedAt);
    held.put(run.id(), h);
    return h;
  }

  void release(Run run) {
    held.remove(run.id());
  }

  /** Stops renewing: the runs still held are left to another node's recovery. */
  void abandonAll() {
    held.values().forEach(h -> h.lost = true);
  }

  int size() {
    return held.size();
  }

  private void renewAll() {
    for (Held h : held.values()) {
      if (h.lost || h.finishing) {
        continue;
      }
      try {
        long asked = System.nanoTime();
        if (runLog.renew(h.run, lease)) {
          h.renewed(asked);
        } else {
          h.markLost();
        }
      } catch (RuntimeException e) {
        log.warn("could not renew the lease of run {}: {}", h.run.id(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
