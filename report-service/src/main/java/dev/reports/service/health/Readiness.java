package dev.reports.service.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness checks of this node, run together on each probe. A check that does not answer
 * within the timeout counts as not ready; it is not started again while it still runs, so a hung
 * dependency costs one thread, not one per probe.
 */
public final class Readiness implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(Readiness.class);

  private final Duration timeout;
  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
  private final Map<ReadinessCheck, Future<ReadinessCheck.Status>> running =
      new ConcurrentHashMap<>();
  private final Map<ReadinessCheck, Boolean> lastReady = new ConcurrentHashMap<>();
  private final ExecutorService executor;

  public Readiness() {
    this(DEFAULT_TIMEOUT);
  }

  public Readiness(Duration timeout) {
    this.timeout = timeout;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "readiness-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Adds a check; every probe from now on runs it. */
  public Readiness add(ReadinessCheck check) {
    checks.add(check);
    return this;
  }

  /** Runs every check, together, each bounded by the timeout. */
  public Report check() {
    List<ReadinessCheck> checks = List.copyOf(this.checks);
    List<Future<ReadinessCheck.Status>> futures = new ArrayList<>();
    long started = System.nanoTime();
    for (ReadinessCheck check : checks) {
      // a check still running from an earlier probe is awaited again, not started twice
      futures.add(
          running.compute(
              check, (c, f) -> f == null || f.isDone() ? executor.submit(c::check) : f));
    }
    List<Outcome> outcomes = new ArrayList<>();
    long deadline = started + timeout.toNanos();
    for (int i = 0; i < checks.size(); i++) {
      ReadinessCheck check = checks.get(i);
      Future<ReadinessCheck.Status> future = futures.get(i);
      ReadinessCheck.Status status = await(future, deadline);
      outcomes.add(
          new Outcome(
              check.name(),
              status.ready(),
              status.detail(),
              Duration.ofNanos(System.nanoTime() - started)));
      logChange(check, status);
    }
    return new Report(outcomes.stream().allMatch(Outcome::ready), List.copyOf(outcomes));
  }

  private ReadinessCheck.Status await(Future<ReadinessCheck.Status> future, long deadline) {
    try {
      ReadinessCheck.Status status =
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return status == null ? ReadinessCheck.Status.down("no answer") : status;
    } catch (TimeoutException e) {
      return ReadinessCheck.Status.down("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return ReadinessCheck.Status.down("failed: " + cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ReadinessCheck.Status.down("interrupted");
    }
  }

  private void logChange(ReadinessCheck check, ReadinessCheck.Status status) {
    Boolean before = lastReady.put(check, status.ready());
    if (before == null || before != status.ready()) {
      if (status.ready()) {
        log.info("Readiness check '{}' passes", check.name());
      } else {
        log.warn("Readiness check '{}' fails: {}", check.name(), status.detail());
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** The answer to one probe: ready when every check is. */
  public record Report(boolean ready, List<Outcome> checks) {}

  /** One check's answer to one probe. */
  public record Outcome(String name, boolean ready, String detail, Duration took) {}
}
