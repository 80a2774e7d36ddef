package dev.reports.engine.delivery.internal;

import static dev.reports.engine.delivery.internal.DeliveryFixtures.definition;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.fastRetries;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.recovered;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.internal.retry.FakeTicker;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Run;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FaultyDeliveryLog;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DeliveryRunnerTest {
  @TempDir Path dir;

  final FakeDeliveryLog log = new FakeDeliveryLog();
  final FakeRecipientResolver resolver = new FakeRecipientResolver();
  final FakeDeliveryChannel email = new FakeDeliveryChannel(Channel.EMAIL);
  final FakeDeliveryChannel telegram = new FakeDeliveryChannel(Channel.TELEGRAM);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final Recipient ann = Recipient.email(UUID.randomUUID(), "ann@example.com");
  final Recipient bob = Recipient.email(UUID.randomUUID(), "bob@example.com");
  final Recipient group = Recipient.telegram(-100123L);
  ReportFile file;

  @BeforeEach
  void report() {
    file = TestReportFiles.csv(dir, 3);
  }

  DeliveryRunner runner(DeliveryChannel... channels) {
    return new DeliveryRunner(List.of(channels), resolver, log, meters, fastRetries());
  }

  @Test
  void everyRecipientOfEveryEnabledChannelGetsTheReportOnceAndEachDeliveryIsLoggedSent() {
    resolver.add(ann).add(bob).add(group);
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(email, telegram).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(3, 0));
    assertThat(email.sent()).extracting(s -> s.delivery().recipient()).containsExactly(ann, bob);
    assertThat(telegram.sent()).extracting(s -> s.delivery().recipient()).containsExactly(group);
    assertThat(email.sent().get(0).content()).isEqualTo(bytes(file));
    assertThat(log.forRun(run.id()))
        .hasSize(3)
        .allSatisfy(
            row -> {
              assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
              assertThat(row.payload())
                  .containsEntry("file_name", "weekly-tiktok-2026-03-08.csv")
                  .containsEntry("rows", 3L)
                  .containsEntry("bytes", file.bytes())
                  .containsEntry("sha256", file.sha256())
                  .containsEntry("attempts", 1)
                  .containsEntry("provider", "fake")
                  .containsKey("provider_message_id");
            });
    assertThat(row(run, ann).payload()).containsEntry("to", "ann@example.com");
    assertThat(row(run, group).payload()).containsEntry("to", -100123L);
  }

  @Test
  void theRowIsWrittenPendingBeforeTheProviderIsCalled() {
    resolver.add(ann);
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    List<DeliveryStatus> seenBySend = new ArrayList<>();
    DeliveryChannel inspecting =
        channel(
            Channel.EMAIL,
            d -> {
              seenBySend.add(row(run, ann).status());
              return new DeliveryReceipt("inspecting", "m-1", Map.of());
            });

    runner(inspecting).deliver(definition, run, file);

    assertThat(seenBySend).containsExactly(DeliveryStatus.PENDING);
    assertThat(row(run, ann).status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void anEnabledChannelWithNoRecipientsGetsAFailedRowSayingSo() {
    resolver.add(ann);
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(email, telegram).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1));
    DeliveryRecord none =
        log.forRun(run.id()).stream().filter(r -> r.key().equals("none")).findFirst().orElseThrow();
    assertThat(none.channel()).isEqualTo(Channel.TELEGRAM);
    assertThat(none.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(none.payload())
        .containsEntry("error_code", "no_recipients")
        .hasEntrySatisfying(
            "error", e -> assertThat((String) e).contains("no telegram recipients"));
    assertThat(telegram.sent()).isEmpty();
  }

  @Test
  void aSkippedRecipientGetsASkippedRowWithItsReasonAndIsNotAFailure() {
    Recipient gone = Recipient.email(UUID.randomUUID(), "gone@example.com");
    resolver.add(ann).skip(gone, "user is deactivated");
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(email).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0, 1));
    assertThat(email.sent()).extracting(s -> s.delivery().recipient()).containsExactly(ann);
    assertThat(row(run, gone).status()).isEqualTo(DeliveryStatus.SKIPPED);
    assertThat(row(run, gone).payload())
        .containsEntry("skipped", true)
        .containsEntry("reason", "user is deactivated")
        .doesNotContainKey("error");
    assertThat(log.forRun(run.id())).noneMatch(r -> r.key().equals("none"));
    assertThat(
            meters.counter("reports.deliveries", "channel", "email", "status", "skipped").count())
        .isEqualTo(1);
  }

  @Test
  void aChannelWhoseEveryRecipientWasSkippedAlsoGetsAFailedNoRecipientsRow() {
    Recipient disconnected = Recipient.telegram(-100L);
    resolver.add(ann).skip(disconnected, "chat -100 is no longer connected");
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(email, telegram).deliver(definition, run, file);

    // the skip itself is no failure, but a channel that reached nobody is
    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1, 1));
    assertThat(row(run, disconnected).status()).isEqualTo(DeliveryStatus.SKIPPED);
    DeliveryRecord none =
        log.forRun(run.id()).stream().filter(r -> r.key().equals("none")).findFirst().orElseThrow();
    assertThat(none.channel()).isEqualTo(Channel.TELEGRAM);
    assertThat(none.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(none.payload())
        .containsEntry("error_code", "no_recipients")
        .hasEntrySatisfying(
            "error", e -> assertThat((String) e).contains("the one listed was skipped"));
    assertThat(telegram.sent()).isEmpty();
  }

  @Test
  void transientFailuresAreRetriedUnderTheSameIdempotencyKeyUntilSent() {
    resolver.add(ann);
    email.failNext(transientError("503"), transientError("timeout"));
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    List<String> keys = new ArrayList<>();
    DeliveryChannel recording =
        channel(
            Channel.EMAIL,
            d -> {
              keys.add(d.idempotencyKey());
              return email.send(d);
            });

    DeliveryOutcome outcome = runner(recording).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(keys).hasSize(3).containsOnly(keys.get(0));
    assertThat(keys.get(0)).hasSizeLessThanOrEqualTo(100).contains(run.id().toString());
    assertThat(row(run, ann).payload()).containsEntry("attempts", 3);
    assertThat(meters.counter("reports.delivery.retries", "channel", "email").count()).isEqualTo(2);
  }

  @Test
  void aPermanentFailureFailsAtOnceAndTheOtherRecipientsStillGetTheirs() {
    resolver.add(ann).add(bob);
    email.failNext(new DeliveryException("400", "Loops answered 400: bad address", true, null));
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(email).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1));
    assertThat(row(run, ann).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(row(run, ann).payload())
        .containsEntry("attempts", 1)
        .containsEntry("error_code", "400")
        .containsEntry("error", "Loops answered 400: bad address")
        .containsEntry("permanent", true);
    assertThat(row(run, bob).status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void retriesStopAfterTheConfiguredNumberOfAttempts() {
    resolver.add(ann);
    for (int i = 0; i < 10; i++) {
      email.failNext(transientError("500"));
    }
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);

    DeliveryOutcome outcome =
        new DeliveryRunner(List.of(email), resolver, log, meters, fastRetries().withMaxAttempts(3))
            .deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(0, 1));
    assertThat(row(run, ann).payload())
        .containsEntry("attempts", 3)
        .containsEntry("permanent", false)
        .hasEntrySatisfying("error", e -> assertThat((String) e).startsWith("gave up after 3"));
  }

  @Test
  void retriesStopWhenTheNextPauseWouldPassTheRetryTimeLimit() {
    resolver.add(ann);
    email.failNext(new DeliveryException("429", "slow down", false, Duration.ofSeconds(30)));
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    long start = System.nanoTime();

    DeliveryOutcome outcome =
        new DeliveryRunner(
                List.of(email),
                resolver,
                log,
                meters,
                fastRetries().withMaxRetryTime(Duration.ofSeconds(5)))
            .deliver(definition, run, file);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat((String) row(run, ann).payload().get("error")).contains("retry time limit");
  }

  @Test
  void theProvidersRetryAfterIsHonoured() {
    resolver.add(ann);
    email.failNext(new DeliveryException("429", "slow down", false, Duration.ofMillis(400)));
    ReportDefinition definition = definition(Channel.EMAIL);
    long start = System.nanoTime();

    DeliveryOutcome outcome = runner(email).deliver(definition, run(definition), file);

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aRecoveredRunSendsOnlyToThoseNotYetSent() {
    resolver.add(ann).add(bob);
    email.failNext(new DeliveryException("500", "down", true, null));
    ReportDefinition definition = definition(Channel.EMAIL);
    Run first = run(definition);
    runner(email).deliver(definition, first, file);
    assertThat(row(first, ann).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(email.sent()).hasSize(1);

    List<DeliveryStatus> statusWhileResending = new ArrayList<>();
    DeliveryChannel inspecting =
        channel(
            Channel.EMAIL,
            d -> {
              statusWhileResending.add(row(first, d.recipient()).status());
              return email.send(d);
            });
    DeliveryOutcome outcome = runner(inspecting).deliver(definition, recovered(first), file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 0));
    assertThat(email.sent())
        .extracting(s -> s.delivery().recipient())
        .containsExactly(bob, ann); // bob in attempt 1, ann re-sent in attempt 2 only
    assertThat(statusWhileResending).containsExactly(DeliveryStatus.PENDING);
    assertThat(log.forRun(first.id())).hasSize(2);
    assertThat(row(first, ann).payload())
        .containsEntry("run_attempt", 2)
        .containsEntry("previous_status", "failed")
        .containsEntry("previous_error", "down");
  }

  @Test
  void anEnabledChannelWithNoConfiguredSenderFailsItsRecipientsWithTheReason() {
    resolver.add(ann).add(group);
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(email).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1));
    assertThat(row(run, group).payload())
        .containsEntry("error_code", "no_channel")
        .containsEntry("error", "no delivery channel is configured for telegram");
  }

  @Test
  void channelsRunSideBySideSoASlowOneDoesNotHoldUpTheOther() {
    resolver.add(ann).add(group);
    CountDownLatch telegramSent = new CountDownLatch(1);
    DeliveryChannel waitsForTelegram =
        channel(
            Channel.EMAIL,
            d -> {
              try {
                // only returns once the other channel has sent, which it can do only concurrently
                assertThat(telegramSent.await(5, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return email.send(d);
            });
    DeliveryChannel signalling =
        channel(
            Channel.TELEGRAM,
            d -> {
              DeliveryReceipt receipt = telegram.send(d);
              telegramSent.countDown();
              return receipt;
            });
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);

    DeliveryOutcome outcome =
        runner(waitsForTelegram, signalling).deliver(definition, run(definition), file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 0));
  }

  @Test
  void aChannelThatThrowsSomethingUnexpectedFailsOnlyThatRecipient() {
    resolver.add(ann).add(bob);
    AtomicInteger calls = new AtomicInteger();
    DeliveryChannel buggy =
        channel(
            Channel.EMAIL,
            d -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
              }
              return email.send(d);
            });
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);

    DeliveryOutcome outcome = runner(buggy).deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1));
    assertThat(row(run, ann).payload())
        .containsEntry("error_code", "channel_error")
        .containsEntry("error", "IllegalStateException: boom")
        .containsEntry("attempts", 1);
  }

  @Test
  void aBriefDeliveryLogHiccupIsRetriedAndLosesNothing() {
    resolver.add(ann);
    AtomicInteger completes = new AtomicInteger();
    DeliveryLog flaky =
        new FaultyDeliveryLog(
            log,
            (id, status) -> {
              if (completes.incrementAndGet() == 1) {
                throw new IllegalStateException("connection reset");
              }
            });
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);

    DeliveryOutcome outcome =
        new DeliveryRunner(List.of(email), resolver, flaky, meters, fastRetries())
            .deliver(definition, run, file);

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(row(run, ann).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(email.sent()).hasSize(1);
  }

  @Test
  void anInterruptedDeliveryLeavesItsRowPendingAndTheRestForRecovery() throws Exception {
    resolver.add(ann).add(bob);
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    CountDownLatch sending = new CountDownLatch(1);
    DeliveryChannel hanging =
        channel(
            Channel.EMAIL,
            d -> {
              sending.countDown();
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(
                    "interrupted", "interrupted while sending", false, null);
              }
              return email.send(d);
            });
    List<Throwable> thrown = new ArrayList<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                runner(hanging).deliver(definition, run, file);
              } catch (Throwable t) {
                thrown.add(t);
              }
            });
    worker.start();
    assertThat(sending.await(5, TimeUnit.SECONDS)).isTrue();
    worker.interrupt();
    worker.join(5_000);

    assertThat(thrown)
        .singleElement()
        .satisfies(t -> assertThat(t).hasMessageContaining("interrupted"));
    assertThat(log.forRun(run.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.PENDING));

    DeliveryOutcome outcome = runner(email).deliver(definition, recovered(run), file);
    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 0));
  }

  @Test
  void deliveriesAreCountedByChannelAndStatus() {
    resolver.add(ann).add(bob).add(group);
    email.failNext(new DeliveryException("400", "bad", true, null));
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);

    runner(email, telegram).deliver(definition, run(definition), file);

    assertThat(count("email", "sent")).isEqualTo(1);
    assertThat(count("email", "failed")).isEqualTo(1);
    assertThat(count("telegram", "sent")).isEqualTo(1);
  }

  @Test
  void twoSendersForOneChannelAreRefused() {
    assertThatThrownBy(() -> runner(email, new FakeDeliveryChannel(Channel.EMAIL)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("email");
  }

  @Test
  void retriesPauseTheJitteredBackoffHonourRetryAfterAndStopAtTheAttemptLimitWithoutSleeping() {
    resolver.add(ann);
    email.failNext(
        transientError("503"),
        new DeliveryException("429", "slow down", false, Duration.ofSeconds(30)),
        transientError("503"),
        transientError("503"));
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    FakeTicker ticker = new FakeTicker();
    // random 1.0 stretches every pause by the whole jitter: the upper bound
    DeliveryRunner runner =
        new DeliveryRunner(
            List.of(email),
            resolver,
            log,
            meters,
            new DeliverySettings(
                4, Duration.ofSeconds(1), Duration.ofSeconds(8), 0.25, Duration.ofMinutes(5)),
            ticker,
            () -> 1.0);

    DeliveryOutcome outcome = runner.deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(0, 1));
    assertThat(ticker.pauses()).containsExactly(ms(1250), Duration.ofSeconds(30), ms(5000));
    assertThat(row(run, ann).payload())
        .containsEntry("attempts", 4)
        .containsEntry("error", "gave up after 4 attempts: transient 503")
        .containsEntry("duration_ms", 36_250L);
    assertThat(email.sent()).isEmpty();
  }

  @Test
  void aRecipientIsGivenUpOnceTheNextPauseWouldEndPastTheRetryTimeLimit() {
    resolver.add(ann);
    email.failNext(transientError("503"), transientError("503"), transientError("503"));
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    FakeTicker ticker = new FakeTicker();
    DeliveryRunner runner =
        new DeliveryRunner(
            List.of(email),
            resolver,
            log,
            meters,
            new DeliverySettings(
                8, Duration.ofSeconds(4), Duration.ofMinutes(1), 0, Duration.ofSeconds(10)),
            ticker,
            () -> 0.5);

    runner.deliver(definition, run, file);

    // 4 s, then 8 s would end at 12 s, past the 10 s limit
    assertThat(ticker.pauses()).containsExactly(Duration.ofSeconds(4));
    assertThat((String) row(run, ann).payload().get("error"))
        .startsWith("gave up after 2 attempts: the next one would come after the retry time limit");
  }

  private double count(String channel, String status) {
    return meters.counter("reports.deliveries", "channel", channel, "status", status).count();
  }

  private DeliveryRecord row(Run run, Recipient recipient) {
    return log.forRun(run.id()).stream()
        .filter(r -> recipient.key().equals(r.key()))
        .findFirst()
        .orElseThrow();
  }

  private static DeliveryException transientError(String code) {
    return new DeliveryException(code, "transient " + code, false, null);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private static byte[] bytes(ReportFile file) {
    try {
      return java.nio.file.Files.readAllBytes(file.path());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DeliveryChannel channel(
      Channel channel, java.util.function.Function<Delivery, DeliveryReceipt> send) {
    return new DeliveryChannel() {
      @Override
      public Channel channel() {
        return channel;
      }

      @Override
      public DeliveryReceipt send(Delivery delivery) {
        return send.apply(delivery);
      }
    };
  }
}
