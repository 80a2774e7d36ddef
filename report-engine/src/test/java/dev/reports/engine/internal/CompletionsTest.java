package dev.reports.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.internal.retry.Backoff;
import dev.reports.engine.internal.retry.FakeTicker;
import dev.reports.engine.internal.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;

/**
 * The queue of fire ends: what queues while a batch is written goes in the next one, a failed batch
 * is tried again, and stopping writes what is queued. The writer here is a fake; the rows it writes
 * are compared with Quartz's own in {@code BatchedFiringTest}.
 */
class CompletionsTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<List<String>> written = new CopyOnWriteArrayList<>();

  @Test
  void endsQueuedWhileABatchIsWrittenGoInTheNextBatchTogether() throws Exception {
    CountDownLatch firstWriteStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Completions completions =
        completions(gatedWriter(firstWriteStarted, releaseFirst), Duration.ZERO, 500, retry());
    try {
      completions.add(end("f1"));
      assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 2; i <= 50; i++) {
        completions.add(end("f" + i));
      }
      releaseFirst.countDown();

      await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 2);
      assertThat(written.get(0)).containsExactly("f1");
      assertThat(written.get(1)).hasSize(49).startsWith("f2").endsWith("f50");
    } finally {
      completions.close();
    }
  }

  @Test
  void aBatchIsNeverLargerThanItsLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Completions completions =
        completions(gatedWriter(new CountDownLatch(1), release), Duration.ZERO, 10, retry());
    try {
      for (int i = 1; i <= 25; i++) {
        completions.add(end("f" + i));
      }
      release.countDown();

      await().atMost(Duration.ofSeconds(5)).until(() -> count(written) == 25);
      assertThat(written).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(10));
    } finally {
      completions.close();
    }
  }

  @Test
  void aBatchThatFailedIsTriedAgainWholeUntilWritten() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Completions completions =
        completions(
            batch -> {
              if (tries.incrementAndGet() <= 3) {
                throw new IllegalStateException("database away");
              }
              written.add(ids(batch));
            },
            Duration.ZERO,
            500,
            retry());
    try {
      completions.add(end("f1"));

      await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
      assertThat(written.get(0)).containsExactly("f1");
      assertThat(tries).hasValue(4);
      assertThat(ticker.pauses()).hasSize(3);
    } finally {
      completions.close();
    }
  }

  @Test
  void stoppingWritesWhatIsQueuedAndQueuesNothingAfter() {
    // a linger of an hour: nothing is written before the stop
    Completions completions =
        completions(batch -> written.add(ids(batch)), Duration.ofHours(1), 500, retry());
    completions.add(end("f1"));
    completions.add(end("f2"));

    completions.close();

    assertThat(written).containsExactly(List.of("f1", "f2"));
    assertThat(completions.add(end("f3"))).isFalse();
    assertThat(completions.pending()).isZero();
  }

  @Test
  void stoppingWhileTheDatabaseIsAwayGivesUpAfterTheLastTries() {
    AtomicInteger tries = new AtomicInteger();
    Completions completions =
        new Completions(
            batch -> {
              tries.incrementAndGet();
              throw new IllegalStateException("database away");
            },
            Duration.ofHours(1),
            500,
            retry(),
            Retry.with(Backoff.fixed(Duration.ofSeconds(1))).maxAttempts(3).ticker(ticker),
            "test-completions");
    completions.add(end("f1"));

    completions.close(); // returns: the fire's record is left for Quartz's recovery

    assertThat(tries).hasValue(3);
    assertThat(written).isEmpty();
  }

  private Completions completions(
      Completions.Writer writer, Duration linger, int maxBatch, Retry retry) {
    return new Completions(writer, linger, maxBatch, retry, retry.maxAttempts(3), "test");
  }

  // Records each batch once the gate is open; says when the first write began.
  private Completions.Writer gatedWriter(CountDownLatch started, CountDownLatch gate) {
    return batch -> {
      started.countDown();
      waitFor(gate);
      written.add(ids(batch));
    };
  }

  private Retry retry() {
    return Retry.with(Backoff.fixed(Duration.ofMillis(100))).ticker(ticker);
  }

  private static Completions.Completion end(String fireInstanceId) {
    return new Completions.Completion(fireInstanceId, new JobKey("job-" + fireInstanceId), true);
  }

  private static List<String> ids(List<Completions.Completion> batch) {
    List<String> ids = new ArrayList<>();
    batch.forEach(c -> ids.add(c.fireInstanceId()));
    return ids;
  }

  private static int count(List<List<String>> batches) {
    return batches.stream().mapToInt(List::size).sum();
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
