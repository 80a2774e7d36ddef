package dev.reports.engine.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.spi.ThreadPool;

/**
 * The node's run threads, with room for as many fires again waiting for a thread.
 *
 * <p>Quartz acquires at most as many triggers per batch as its pool says are free. With only the
 * threads counted, the scheduler asked again as soon as one thread was free: batches of a few
 * triggers, each paying the cluster-wide lock. Counting a short queue too lets a burst be taken in
 * batches of up to twice the threads, while no more reports run at once than there are threads (nor
 * database connections used). A fire waiting in the queue is recorded by Quartz as executing, so a
 * node that dies with fires queued has them recovered like those it was running.
 *
 * <p>Public only because Quartz sets a pool's instance name by reflection.
 */
public final class RunPool implements ThreadPool {
  private final int threads;
  private final int capacity;
  private final String namePrefix;
  private final Object lock = new Object();
  private int inFlight;
  private ExecutorService executor;

  RunPool(int threads, int queue, String namePrefix) {
    this.threads = threads;
    this.capacity = threads + queue;
    this.namePrefix = namePrefix;
  }

  /** The largest batch worth acquiring: what can run or wait at once. */
  int capacity() {
    return capacity;
  }

  /** Waits until no fire runs or waits for a thread, for at most {@code timeout}; those left. */
  int awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return inFlight;
    }
  }

  @Override
  public void initialize() {
    AtomicInteger n = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, namePrefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public boolean runInThread(Runnable runnable) {
    synchronized (lock) {
      if (executor == null || executor.isShutdown()) {
        return false;
      }
      inFlight++;
    }
    executor.execute(
        () -> {
          try {
            runnable.run();
          } finally {
            synchronized (lock) {
              inFlight--;
              lock.notifyAll();
            }
          }
        });
    return true;
  }

  @Override
  public int blockForAvailableThreads() {
    synchronized (lock) {
      while (inFlight >= capacity && !executor.isShutdown()) {
        try {
          lock.wait(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      return Math.max(0, capacity - inFlight);
    }
  }

  @Override
  public void shutdown(boolean waitForJobsToComplete) {
    synchronized (lock) {
      if (executor == null) {
        return;
      }
      // Fires not started yet stay recorded as executing: another node recovers them.
      ((ThreadPoolExecutor) executor).getQueue().clear();
      executor.shutdown();
      lock.notifyAll();
    }
    if (waitForJobsToComplete) {
      try {
        executor.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int getPoolSize() {
    return threads;
  }

  @Override
  public void setInstanceId(String schedInstId) {}

  @Override
  public void setInstanceName(String schedName) {}
}
