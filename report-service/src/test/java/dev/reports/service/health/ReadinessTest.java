package dev.reports.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.service.health.ReadinessCheck.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  final Readiness readiness = new Readiness(Duration.ofMillis(300));
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    readiness.close();
  }

  @Test
  void readyWhenEveryCheckPasses() {
    readiness.add(ReadinessCheck.of("a", Status::up)).add(ReadinessCheck.of("b", Status::up));
    Readiness.Report report = readiness.check();
    assertThat(report.ready()).isTrue();
    assertThat(report.checks()).extracting(Readiness.Outcome::name).containsExactly("a", "b");
  }

  @Test
  void oneFailingCheckMakesTheNodeNotReadyAndSaysWhich() {
    readiness
        .add(ReadinessCheck.of("database", Status::up))
        .add(ReadinessCheck.of("scheduler", () -> Status.down("not started")));
    Readiness.Report report = readiness.check();
    assertThat(report.ready()).isFalse();
    assertThat(report.checks())
        .extracting(Readiness.Outcome::name, Readiness.Outcome::ready, Readiness.Outcome::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("database", true, ""),
            org.assertj.core.groups.Tuple.tuple("scheduler", false, "not started"));
  }

  @Test
  void aThrowingCheckIsNotReadyWithoutItsMessage() {
    readiness.add(
        ReadinessCheck.of(
            "database",
            () -> {
              throw new IllegalStateException("password=hunter2 rejected");
            }));
    Readiness.Outcome outcome = readiness.check().checks().get(0);
    assertThat(outcome.ready()).isFalse();
    assertThat(outcome.detail()).isEqualTo("failed: IllegalStateException");
  }

  @Test
  void aHungCheckTimesOutAndIsNotStartedAgainWhileItHangs() {
    AtomicInteger starts = new AtomicInteger();
    readiness.add(
        ReadinessCheck.of(
            "slow",
            () -> {
              starts.incrementAndGet();
              release.await();
              return Status.up();
            }));
    long started = System.nanoTime();
    Readiness.Report first = readiness.check();
    Readiness.Report second = readiness.check();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(first.ready()).isFalse();
    assertThat(first.checks().get(0).detail()).isEqualTo("no answer within 300 ms");
    assertThat(second.ready()).isFalse();
    assertThat(starts).hasValue(1);

    release.countDown();
    assertThat(readiness.check().ready()).isTrue();
    // once it has answered, each probe asks afresh
    int before = starts.get();
    readiness.check();
    assertThat(starts).hasValue(before + 1);
  }

  @Test
  void noChecksMeansReady() {
    assertThat(readiness.check().ready()).isTrue();
  }
}
