package dev.reports.engine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RunFailure;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.run.RunKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules every {@link DeliveryChannel} keeps, as tests: extend it, say how to make the channel
 * under test (sending to a fake provider: {@link dev.reports.engine.testing.FakeLoopsServer}, your
 * own MockWebServer, a folder), to whom it sends and what its provider accepted; say how to make
 * the provider refuse, and those rules are tested too.
 *
 * <p>The engine's {@code LoopsChannelContractTest}, {@code TelegramChannelContractTest} and {@code
 * OutboxChannelContractTest} are examples, and {@code WebhookChannelContractTest} for a host's own
 * channel.
 */
public abstract class DeliveryChannelContract {
  @TempDir private Path files;
  private DeliveryChannel channel;

  /** The channel under test, sending to the test's provider. Called once before each test. */
  protected abstract DeliveryChannel channel();

  /** A recipient the channel delivers to. */
  protected abstract Recipient recipient();

  /** How many deliveries (or alerts) the provider has accepted so far. */
  protected abstract int accepted();

  /**
   * How many requests reached the provider so far, accepted or not. Default: {@link #accepted()}.
   */
  protected int requestsReceived() {
    return accepted();
  }

  /**
   * Makes the provider refuse the next request with a failure worth retrying (a 5xx, a 429);
   * returns false when it cannot, and the rule is not tested.
   */
  protected boolean refuseNextRetryable() {
    return false;
  }

  /**
   * Makes the provider refuse the next request for good (a bad address, a blocked bot); returns
   * false when it cannot, and the rule is not tested.
   */
  protected boolean refuseNextPermanently() {
    return false;
  }

  /**
   * Makes the provider take the next request and never answer (the channel's read timeout should be
   * short); returns false when it cannot, and the rule is not tested.
   */
  protected boolean leaveNextUnanswered() {
    return false;
  }

  /**
   * Whether the channel checks {@code delivery.fence()} itself before its request goes out (it
   * waits first: a limit of its own, a slow connect); the engine checks it before each try anyway.
   * Default: true.
   */
  protected boolean checksFence() {
    return true;
  }

  /** Whether the channel sends failure alerts. Default: true. */
  protected boolean sendsAlerts() {
    return true;
  }

  /** The delivery each test sends, of a small CSV file to {@link #recipient()}. */
  protected Delivery delivery(Fence fence) {
    UUID runId = UUID.randomUUID();
    return new Delivery(
        runId, UUID.randomUUID(), recipient(), reportFile(), "report-" + runId, fence);
  }

  /** A failure alert to {@link #recipient()}. */
  protected Alert alert() {
    UUID runId = UUID.randomUUID();
    return new Alert(
        runId,
        UUID.randomUUID(),
        recipient(),
        new RunFailure(
            "Weekly orders", "the report's query failed", "/v1/report-runs/" + runId, 1, false),
        "alert-" + runId);
  }

  /** A small real CSV file on disk, with its true size and SHA-256. */
  protected ReportFile reportFile() {
    byte[] content =
        "order_no,total\n\"A-1\",12.50\n\"A-2\",7.00\n".getBytes(StandardCharsets.UTF_8);
    try {
      Path path = Files.createTempFile(files, "orders-", ".csv");
      Files.write(path, content);
      return new ReportFile(
          path,
          "orders-2026-03-08.csv",
          new ReportDescription("Weekly orders", "orders"),
          LocalDate.of(2026, 3, 8),
          2,
          content.length,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void setUpDeliveryChannelContract() {
    channel = channel();
  }

  private static Run run() {
    return new Run(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), RunKind.SCHEDULED, 1);
  }

  @Test
  void anAcceptedDeliveryReturnsTheReceiptOfTheChannelsProvider() {
    DeliveryReceipt receipt = channel.send(delivery(Fence.NONE));

    assertThat(receipt).isNotNull();
    assertThat(receipt.provider()).isEqualTo(channel.provider());
    assertThat(accepted()).isEqualTo(1);
  }

  @Test
  void theFenceIsCheckedBeforeTheRequestGoesToTheProvider() {
    assumeTrue(checksFence(), "the channel leaves the fence to the engine");
    List<Integer> requestsAtCheck = new CopyOnWriteArrayList<>();

    channel.send(delivery(() -> requestsAtCheck.add(requestsReceived())));

    assertThat(requestsAtCheck).isNotEmpty().containsOnly(0);
    assertThat(requestsReceived()).isEqualTo(1);
  }

  @Test
  void aRunTakenOverSendsNothingAndItsFenceExceptionPasses() {
    assumeTrue(checksFence(), "the channel leaves the fence to the engine");
    RunFencedException takenOver = RunFencedException.takenOver(run());

    Throwable thrown =
        catchThrowable(
            () ->
                channel.send(
                    delivery(
                        () -> {
                          throw takenOver;
                        })));

    assertThat(thrown).isSameAs(takenOver);
    assertThat(requestsReceived()).isZero();
    assertThat(accepted()).isZero();
  }

  @Test
  void aRunThatCannotBeConfirmedSendsNothingEither() {
    assumeTrue(checksFence(), "the channel leaves the fence to the engine");
    RunFencedException unconfirmed =
        RunFencedException.unconfirmed(run(), new IllegalStateException("database away"));

    Throwable thrown =
        catchThrowable(
            () ->
                channel.send(
                    delivery(
                        () -> {
                          throw unconfirmed;
                        })));

    assertThat(thrown).isSameAs(unconfirmed);
    assertThat(requestsReceived()).isZero();
  }

  @Test
  void aRetryableRefusalIsADeliveryExceptionWorthRetrying() {
    assumeTrue(refuseNextRetryable(), "the provider cannot be made to refuse for a while");

    assertThatThrownBy(() -> channel.send(delivery(Fence.NONE)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
    assertThat(accepted()).isZero();
  }

  @Test
  void aDeliveryRefusedForAWhileIsSentWhenTriedAgain() {
    assumeTrue(refuseNextRetryable(), "the provider cannot be made to refuse for a while");
    Delivery delivery = delivery(Fence.NONE);
    assertThatThrownBy(() -> channel.send(delivery)).isInstanceOf(DeliveryException.class);

    assertThat(channel.send(delivery).provider()).isEqualTo(channel.provider());
    assertThat(accepted()).isEqualTo(1);
  }

  @Test
  void aPermanentRefusalIsADeliveryExceptionNotToRetry() {
    assumeTrue(refuseNextPermanently(), "the provider cannot be made to refuse for good");

    assertThatThrownBy(() -> channel.send(delivery(Fence.NONE)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(accepted()).isZero();
  }

  @Test
  void aDeliveryTheProviderNeverAnsweredIsNotReportedSent() {
    assumeTrue(leaveNextUnanswered(), "the provider cannot be made to leave a request unanswered");

    assertThatThrownBy(() -> channel.send(delivery(Fence.NONE)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void anAlertIsAcceptedWithTheChannelsProvider() {
    assumeTrue(sendsAlerts(), "the channel sends no alerts");

    DeliveryReceipt receipt = channel.sendAlert(alert());

    assertThat(receipt.provider()).isEqualTo(channel.provider());
    assertThat(accepted()).isEqualTo(1);
  }

  @Test
  void aChannelWithoutAlertsRefusesThemWithADeliveryException() {
    assumeTrue(!sendsAlerts(), "the channel sends alerts");

    assertThatThrownBy(() -> channel.sendAlert(alert()))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(requestsReceived()).isZero();
  }
}
