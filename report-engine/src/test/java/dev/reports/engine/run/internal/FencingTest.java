package dev.reports.engine.run.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.delivery.internal.DeliveryRunner;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.engine.testing.FaultyDeliveryLog;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing: a node that stalls past its run's lease (its renewals frozen with it, as in a GC pause
 * or a stopped process) while another node takes the run over sends and records nothing more for
 * the run once it wakes, and the new owner delivers the rest, each recipient once.
 */
@Timeout(30)
class FencingTest {
  static final Duration LEASE = Duration.ofMillis(600);

  @TempDir Path dir;

  final FakeRunLog ledger = new FakeRunLog();
  final StallingRunLog nodeA = new StallingRunLog(ledger);
  final FakeDeliveryLog log = new FakeDeliveryLog(ledger);
  final FakeRecipientResolver resolver = new FakeRecipientResolver();
  final RecordingChannel telegram = new RecordingChannel();
  final ReportDefinition definition =
      new ReportDefinition(
          UUID.randomUUID(),
          UUID.randomUUID(),
          new FakeReport(),
          ZoneId.of("Europe/Berlin"),
          Set.of(Channel.TELEGRAM));
  final Run candidate =
      new Run(
          UUID.randomUUID(),
          definition.scheduleId(),
          Instant.parse("2026-03-08T06:30:00Z"),
          RunKind.SCHEDULED,
          1);
  Leases leasesA;
  ReportFile file;

  @BeforeEach
  void setUp() {
    for (long chat = 1; chat <= 5; chat++) {
      resolver.add(Recipient.telegram(chat));
    }
    leasesA = new Leases(nodeA, LEASE, "test-leases-node-a");
    file = TestReportFiles.csv(dir, 3);
  }

  @AfterEach
  void tearDown() {
    nodeA.thaw();
    leasesA.close();
  }

  @Test
  void aNodeStalledPastItsLeaseBetweenRecipientsSendsNothingMoreAndTheNewOwnerSendsTheRest() {
    Leases.Held held = claimOnNodeA();
    Run runA = held.run;
    Run[] runB = new Run[1];
    // node A stalls right after recording its second delivery, before the third recipient
    AtomicInteger sent = new AtomicInteger();
    DeliveryLog stallsAfterSecond =
        new FaultyDeliveryLog(
            log,
            new FaultyDeliveryLog.Fault() {
              @Override
              public void beforeComplete(UUID deliveryId, DeliveryStatus status) {}

              @Override
              public void afterComplete(UUID deliveryId, DeliveryStatus status) {
                if (status == DeliveryStatus.SENT && sent.incrementAndGet() == 2) {
                  runB[0] = stallWhileNodeBTakesOver();
                }
              }
            });

    assertThatThrownBy(() -> runner(stallsAfterSecond).deliver(definition, runA, file, held))
        .isInstanceOfSatisfying(RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());
    assertThat(telegram.acceptedChats()).containsExactly(1L, 2L);
    assertThat(held.lost).isTrue();

    DeliveryOutcome outcome = runner(log).deliver(definition, runB[0], file, Fence.NONE);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(5, 0));
    assertThat(telegram.acceptedChats()).as("each chat once").containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(log.forRun(runA.id()))
        .hasSize(5)
        .allSatisfy(row -> assertThat(row.status()).isEqualTo(DeliveryStatus.SENT));
  }

  @Test
  void aNodeStalledInARetryBackoffDoesNotSendTheRetryOnceItsLeaseIsLost() {
    Leases.Held held = claimOnNodeA();
    Run runA = held.run;
    Run[] runB = new Run[1];
    // the first send to chat 2 fails (a 500) and node A stalls before it could retry
    telegram.onSend(
        (delivery, n) -> {
          if (Long.parseLong(delivery.recipient().address()) == 2L && n == 2) {
            runB[0] = stallWhileNodeBTakesOver();
            throw new DeliveryException("500", "Telegram answered 500", false, null);
          }
        });

    assertThatThrownBy(() -> runner(log).deliver(definition, runA, file, held))
        .isInstanceOf(RunFencedException.class);
    assertThat(telegram.acceptedChats()).containsExactly(1L);
    assertThat(telegram.requestsTo(2L)).as("no retry by the stale node").isEqualTo(1);

    DeliveryOutcome outcome = runner(log).deliver(definition, runB[0], file, Fence.NONE);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(5, 0));
    assertThat(telegram.acceptedChats()).as("each chat once").containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(telegram.requestsTo(2L)).isEqualTo(2);
  }

  @Test
  void theStaleAttemptsDeliveryLogAndLedgerWritesAreRefused() {
    Leases.Held held = claimOnNodeA();
    Run runA = held.run;
    DeliveryRecord row =
        log.open(
            runA, DeliveryEntry.report(definition.organizationId(), Recipient.telegram(1L)), map());
    Run runB = stallWhileNodeBTakesOver();

    assertThatThrownBy(() -> log.complete(runA, row.id(), DeliveryStatus.SENT, map()))
        .isInstanceOf(RunFencedException.class);
    assertThatThrownBy(
            () ->
                log.open(
                    runA,
                    DeliveryEntry.report(definition.organizationId(), Recipient.telegram(2L)),
                    map()))
        .isInstanceOf(RunFencedException.class);
    assertThat(nodeA.renew(runA, LEASE)).isFalse();
    ledger.finish(runA, result(RunStatus.FAILED));
    assertThat(ledger.result(runA.id())).isEmpty();
    assertThat(log.forRun(runA.id()))
        .singleElement()
        .extracting(DeliveryRecord::status)
        .isEqualTo(DeliveryStatus.PENDING);

    log.complete(runB, row.id(), DeliveryStatus.SENT, map());
    ledger.finish(runB, result(RunStatus.SUCCEEDED));
    assertThat(ledger.result(runA.id())).map(RunResult::status).contains(RunStatus.SUCCEEDED);
  }

  @Test
  void theFenceAsksTheLedgerOnlyOnceTheLeaseMayHaveRunOutOnThisNodesClock() {
    CountingRunLog counting = new CountingRunLog(ledger);
    try (Leases leases = new Leases(counting, Duration.ofSeconds(30), "test-leases-counting")) {
      Run run = ledger.claim(candidate, "node-a", Duration.ofSeconds(30)).orElseThrow();
      Leases.Held fresh = leases.hold(run, System.nanoTime());
      for (int i = 0; i < 10_000; i++) {
        fresh.check();
      }
      assertThat(counting.renewals.get()).as("within the lease: a local check only").isZero();

      // claimed 40 s ago by this node's clock (it stalled since): the ledger is asked, once
      Leases.Held stalled = leases.hold(run, System.nanoTime() - Duration.ofSeconds(40).toNanos());
      stalled.check();
      stalled.check();
      assertThat(counting.renewals.get()).isEqualTo(1);

      ledger.expireLease(run);
      ledger.claim(candidate, "node-b", Duration.ofSeconds(30)).orElseThrow();
      Leases.Held replaced = leases.hold(run, System.nanoTime() - Duration.ofSeconds(40).toNanos());
      assertThatThrownBy(replaced::check)
          .isInstanceOfSatisfying(
              RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());
      assertThat(replaced.lost).isTrue();
    }
  }

  private Leases.Held claimOnNodeA() {
    long asked = System.nanoTime();
    Run run = nodeA.claim(candidate, "node-a", LEASE).orElseThrow();
    return leasesA.hold(run, asked);
  }

  /**
   * Node A stalls, renewer included, past its lease; node B's recovery claims the run meanwhile.
   * Returns B's run; node A wakes when this returns.
   */
  private Run stallWhileNodeBTakesOver() {
    nodeA.freeze();
    try {
      Thread.sleep(LEASE.toMillis() + 300);
      Optional<Run> taken = ledger.claim(candidate, "node-b", LEASE);
      assertThat(taken).as("node B takes the run over").isPresent();
      return taken.get();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      nodeA.thaw();
    }
  }

  private DeliveryRunner runner(DeliveryLog deliveryLog) {
    return new DeliveryRunner(
        List.of(telegram),
        resolver,
        deliveryLog,
        new SimpleMeterRegistry(),
        new DeliverySettings(
            5, Duration.ofMillis(10), Duration.ofMillis(80), 0, Duration.ofSeconds(10)));
  }

  private static Map<String, Object> map() {
    return Map.of("file_name", "r.csv");
  }

  private static RunResult result(RunStatus status) {
    return new RunResult(status, Instant.now(), 3L, 10L, null, Optional.empty(), Optional.empty());
  }

  /** Node A's view of the ledger: while A is frozen its renewer cannot renew either. */
  static final class StallingRunLog implements RunLog {
    private final RunLog ledger;
    private volatile CountDownLatch frozen;

    StallingRunLog(RunLog ledger) {
      this.ledger = ledger;
    }

    void freeze() {
      frozen = new CountDownLatch(1);
    }

    void thaw() {
      CountDownLatch f = frozen;
      frozen = null;
      if (f != null) {
        f.countDown();
      }
    }

    @Override
    public Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
      return ledger.claim(candidate, nodeId, lease);
    }

    @Override
    public boolean renew(Run run, Duration lease) {
      CountDownLatch f = frozen;
      if (f != null) {
        try {
          f.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return ledger.renew(run, lease);
    }

    @Override
    public void finish(Run run, RunResult result) {
      ledger.finish(run, result);
    }
  }

  /** Counts renewals: how often the fence (or the renewer) asked the ledger. */
  static final class CountingRunLog implements RunLog {
    final AtomicInteger renewals = new AtomicInteger();
    private final RunLog ledger;

    CountingRunLog(RunLog ledger) {
      this.ledger = ledger;
    }

    @Override
    public Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
      return ledger.claim(candidate, nodeId, lease);
    }

    @Override
    public boolean renew(Run run, Duration lease) {
      renewals.incrementAndGet();
      return ledger.renew(run, lease);
    }

    @Override
    public void finish(Run run, RunResult result) {
      ledger.finish(run, result);
    }
  }

  /** A Telegram stand-in that records every request, and whether it was accepted. */
  static final class RecordingChannel implements DeliveryChannel {
    interface Hook {
      void beforeSend(Delivery delivery, int request);
    }

    record Request(long chat, boolean accepted) {}

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Hook hook = (d, n) -> {};

    void onSend(Hook hook) {
      this.hook = hook;
    }

    @Override
    public Channel channel() {
      return Channel.TELEGRAM;
    }

    @Override
    public DeliveryReceipt send(Delivery delivery) {
      long chat = Long.parseLong(delivery.recipient().address());
      try {
        hook.beforeSend(delivery, count.incrementAndGet());
      } catch (DeliveryException e) {
        requests.add(new Request(chat, false));
        throw e;
      }
      delivery.fence().check();
      requests.add(new Request(chat, true));
      return new DeliveryReceipt("telegram", Long.toString(requests.size()), Map.of());
    }

    List<Long> acceptedChats() {
      return requests.stream().filter(Request::accepted).map(Request::chat).sorted().toList();
    }

    int requestsTo(long chat) {
      return (int) requests.stream().filter(r -> r.chat() == chat).count();
    }
  }
}
