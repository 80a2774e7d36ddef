package dev.reports.engine.run.internal;

import dev.reports.engine.run.Run;
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
 */
final class Leases implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  /** A run this node holds. */
  static final class Held {
    final Run run;
    volatile boolean lost;
    // set while the run's end is being recorded: a renewal then would only race with it
    volatile boolean finishing;

    Held(Run run) {
      this.run = run;
    }
  }

  private final RunLog runLog;
  private final Duration lease;
  private final Map<UUID, Held> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewer;

  Leases(RunLog runLog, Duration lease, String threadName) {
    this.runLog = runLog;
    this.lease = lease;
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

  Held hold(Run run) {
    Held h = new Held(run);
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
        if (!runLog.renew(h.run, lease)) {
          h.lost = true;
          log.warn(
              "run {} of schedule {} ({}) was taken over by another node; this node stops it",
              h.run.id(),
              h.run.scheduleId(),
              h.run.scheduledFor());
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
