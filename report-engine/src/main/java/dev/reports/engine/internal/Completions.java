package dev.reports.engine.internal;

import dev.reports.engine.internal.retry.Backoff;
import dev.reports.engine.internal.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the ends of recurring triggers' fires, many per transaction.
 *
 * <p>Quartz records each end in a transaction of its own under the cluster-wide trigger lock: a
 * connection, three statements and a commit per fire. In a burst of thousands of fires those
 * transactions were a third of the database's work (taken without the lock, as this engine did
 * before, they raced with a schedule stored at the same moment). Here a run thread only queues the
 * end and goes back to the pool; one writer records what queued meanwhile in one transaction under
 * the same lock, exactly as Quartz would have for each (the job's triggers unblocked, the
 * fired-trigger record deleted).
 *
 * <p>Until its end is written a schedule's trigger stays blocked, a few milliseconds longer than
 * before. Stopping writes what is queued. A node that dies with ends queued leaves their fired
 * records behind, as one that died while running them would: Quartz's recovery runs those jobs
 * again, and the run ledger, where the run is already finished, turns that into a no-op.
 */
final class Completions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Completions.class);
  private static final Completion STOP = new Completion("", new JobKey(""), false);

  /** A fire that ended: its fired-trigger record, and its job's triggers to unblock. */
  record Completion(String fireInstanceId, JobKey job, boolean unblock) {}

  /** Writes a batch of ends in one transaction; throws to have it tried again. */
  interface Writer {
    void write(List<Completion> batch);
  }

  private final Writer writer;
  private final Duration linger;
  private final int maxBatch;
  private final Retry retry;
  private final Retry lastRetry;
  private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param linger how long the writer waits for more ends after the first: fewer, larger batches
   * @param retry how a failed batch is tried again while running (the database away)
   * @param lastRetry how the batches left at {@link #close()} are tried
   */
  Completions(
      Writer writer, Duration linger, int maxBatch, Retry retry, Retry lastRetry, String name) {
    this.writer = writer;
    this.linger = linger;
    this.maxBatch = maxBatch;
    this.retry = retry;
    this.lastRetry = lastRetry;
    this.thread = new Thread(this::writeUntilClosed, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Retries every failure, backing off up to 15 s (Quartz's own pause between tries). */
  static Retry databaseRetry() {
    return Retry.with(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(15)));
  }

  /** Queues the end of a fire; false once closed (the caller records it itself). */
  synchronized boolean add(Completion completion) {
    if (closed) {
      return false;
    }
    queue.add(completion);
    return true;
  }

  /** Ends queued and not yet written. */
  int pending() {
    return queue.size();
  }

  private void writeUntilClosed() {
    List<Completion> batch = new ArrayList<>();
    try {
      while (true) {
        Completion first = queue.take();
        if (first != STOP) {
          batch.add(first);
        }
        boolean stop = first == STOP || gather(batch);
        write(batch, stop);
        batch.clear();
        if (stop) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Interrupted: what is still queued, tried once more as the last batches are.
    queue.drainTo(batch);
    batch.remove(STOP);
    try {
      write(batch, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Adds what arrives within the linger, up to a full batch; true when the stop came among it.
  private boolean gather(List<Completion> batch) throws InterruptedException {
    long end = System.nanoTime() + linger.toNanos();
    while (batch.size() < maxBatch) {
      long left = end - System.nanoTime();
      Completion next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        return false;
      }
      if (next == STOP) {
        return true;
      }
      batch.add(next);
    }
    return false;
  }

  // While running, a batch is tried until written or closed; once closed, as lastRetry says.
  private void write(List<Completion> batch, boolean last) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    Retry.Outcome<Object> outcome = tryWrite(batch, last ? lastRetry : retry.retryIf(e -> !closed));
    if (outcome instanceof Retry.Failed<Object> && !last && closed) {
      outcome = tryWrite(batch, lastRetry);
    }
    if (outcome instanceof Retry.Failed<Object> failed) {
      log.warn(
          "the end of {} fire(s) is not recorded ({}); Quartz's recovery runs them again, and"
              + " the run ledger makes that a no-op",
          batch.size(),
          failed.error().getMessage());
    }
  }

  private Retry.Outcome<Object> tryWrite(List<Completion> batch, Retry how)
      throws InterruptedException {
    return how.onRetry(
            (attempt, e, pause) ->
                log.warn(
                    "could not record the end of {} fire(s) (try {}: {}); retrying in {}",
                    batch.size(),
                    attempt,
                    e.getMessage(),
                    pause))
        .run(
            () -> {
              writer.write(List.copyOf(batch));
              return null;
            });
  }

  /** Writes what is queued (trying as {@code lastRetry} says), then stops the writer. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
