package dev.reports.engine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link DeliveryLog} keeps, as tests: extend it, say how to make the log under
 * test, how to start a run in the run ledger that fences it and how another node takes that run
 * over, and every test must pass.
 *
 * <p>{@code FakeDeliveryLogContractTest} (the fake's), {@code JdbcDeliveryLogTest} (the engine's,
 * on PostgreSQL) and {@code JooqDeliveryLogContractTest} (the report service's) are examples.
 *
 * <p>The log's rows are read back through the log itself: opening a row again returns it as it is.
 */
public abstract class DeliveryLogContract {
  private DeliveryLog log;
  private Run run;
  private UUID organization;

  /** The delivery log under test. */
  protected abstract DeliveryLog deliveryLog();

  /** A new run, claimed in the run ledger the log is fenced by: its first attempt. */
  protected abstract Run startRun();

  /**
   * Another node takes {@code run} over in the run ledger (as after its lease ran out): returns the
   * new attempt, which now holds the run.
   */
  protected abstract Run takeOver(Run run);

  /** The organization the test's runs belong to. Default: a random id. */
  protected UUID organizationId() {
    return UUID.randomUUID();
  }

  /** The {@code i}-th distinct recipient (from 0). Default: Telegram chats. */
  protected Recipient recipient(int i) {
    return Recipient.telegram(1_000L + i);
  }

  /**
   * A recipient of the log's organization keyed apart from its address; a new one each call.
   * Default: the email of a new user.
   */
  protected Recipient emailRecipient() {
    return Recipient.email(UUID.randomUUID(), "ann@example.com");
  }

  @BeforeEach
  void setUpDeliveryLogContract() {
    log = deliveryLog();
    organization = organizationId();
    run = startRun();
  }

  private DeliveryRecord open(Run run, Recipient recipient, Map<String, Object> payload) {
    DeliveryEntry entry =
        recipient == null
            ? DeliveryEntry.nobody(organization, recipient(0).channel())
            : DeliveryEntry.report(organization, recipient);
    return log.open(run, entry, payload);
  }

  private DeliveryRecord openAlert(Run run, Recipient recipient, Map<String, Object> payload) {
    return log.open(run, DeliveryEntry.alert(organization, recipient), payload);
  }

  private DeliveryRecord open(Recipient recipient) {
    return open(run, recipient, Map.of());
  }

  @Test
  void openReturnsThePendingRowOfTheRunChannelAndRecipient() {
    Recipient recipient = recipient(0);

    DeliveryRecord row = open(run, recipient, Map.of("file_name", "a.csv", "rows", 3));

    assertThat(row.id()).isNotNull();
    assertThat(row.runId()).isEqualTo(run.id());
    assertThat(row.channel()).isEqualTo(recipient.channel());
    assertThat(row.key()).isEqualTo(recipient.key());
    assertThat(row.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(row.payload()).isEqualTo(Map.of("file_name", "a.csv", "rows", 3));
  }

  @Test
  void openingTheSameDeliveryAgainReturnsTheExistingRowAsItIs() {
    DeliveryRecord first = open(run, recipient(0), Map.of("run_attempt", 1));
    log.complete(run, first.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "7"));

    DeliveryRecord again = open(run, recipient(0), Map.of("run_attempt", 2));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(again.payload()).isEqualTo(Map.of("provider_message_id", "7"));
  }

  @Test
  void eachRecipientOfEachRunHasARowOfItsOwn() {
    DeliveryRecord first = open(recipient(0));
    DeliveryRecord second = open(recipient(1));
    DeliveryRecord otherRun = open(startRun(), recipient(0), Map.of());

    assertThat(List.of(first.id(), second.id(), otherRun.id())).doesNotHaveDuplicates();
    assertThat(open(recipient(1)).id()).isEqualTo(second.id());
  }

  @Test
  void aRecipientKeepsItsRowWhenItsAddressChangesMidRun() {
    Recipient ann = emailRecipient();
    DeliveryRecord row = open(run, ann, Map.of("to", ann.address()));

    Recipient moved = new Recipient(ann.channel(), ann.key(), "moved." + ann.address());
    DeliveryRecord again = open(run, moved, Map.of("to", moved.address()));

    assertThat(row.channel()).isEqualTo(ann.channel());
    assertThat(row.key()).isEqualTo(ann.key());
    assertThat(again.id()).isEqualTo(row.id());
    assertThat(again.payload()).isEqualTo(Map.of("to", ann.address()));
    // another recipient, on the same channel or another, has a row of its own
    assertThat(open(emailRecipient()).id()).isNotEqualTo(row.id());
    assertThat(open(recipient(0)).id()).isNotEqualTo(row.id());
  }

  @Test
  void theRowForNoRecipientIsOneRowToo() {
    DeliveryRecord none = open(null);

    assertThat(none.key()).isEqualTo(DeliveryEntry.NOBODY);
    assertThat(none.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(open(null).id()).isEqualTo(none.id());
    assertThat(open(recipient(0)).id()).isNotEqualTo(none.id());
  }

  @Test
  void concurrentOpensOfOneDeliveryMakeOneRow() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<DeliveryRecord>> opens = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        opens.add(() -> open(recipient(0)));
      }
      List<UUID> ids = new ArrayList<>();
      for (Future<DeliveryRecord> opened : pool.invokeAll(opens)) {
        ids.add(opened.get().id());
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completeRecordsSentFailedOrSkippedWithTheFinalPayload() {
    DeliveryRecord sent = open(recipient(0));
    DeliveryRecord failed = open(recipient(1));
    DeliveryRecord skipped = open(recipient(2));

    log.complete(run, sent.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "1"));
    log.complete(run, failed.id(), DeliveryStatus.FAILED, Map.of("error_code", "403"));
    log.complete(run, skipped.id(), DeliveryStatus.SKIPPED, Map.of("reason", "deactivated"));

    assertThat(open(recipient(0)))
        .extracting(DeliveryRecord::status, DeliveryRecord::payload)
        .containsExactly(DeliveryStatus.SENT, Map.of("provider_message_id", "1"));
    assertThat(open(recipient(1)))
        .extracting(DeliveryRecord::status, DeliveryRecord::payload)
        .containsExactly(DeliveryStatus.FAILED, Map.of("error_code", "403"));
    assertThat(open(recipient(2)))
        .extracting(DeliveryRecord::status, DeliveryRecord::payload)
        .containsExactly(DeliveryStatus.SKIPPED, Map.of("reason", "deactivated"));
  }

  @Test
  void aSentRowStaysSent() {
    DeliveryRecord row = open(recipient(0));
    log.complete(run, row.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "9"));

    log.complete(run, row.id(), DeliveryStatus.FAILED, Map.of("error", "late"));
    log.complete(run, row.id(), DeliveryStatus.PENDING, Map.of());

    assertThat(open(recipient(0)))
        .extracting(DeliveryRecord::status, DeliveryRecord::payload)
        .containsExactly(DeliveryStatus.SENT, Map.of("provider_message_id", "9"));
  }

  @Test
  void aFailedRowIsPendingAgainBeforeItIsResent() {
    DeliveryRecord row = open(recipient(0));
    log.complete(run, row.id(), DeliveryStatus.FAILED, Map.of("error_code", "500"));
    Run next = takeOver(run); // a later attempt sends it again

    log.complete(next, row.id(), DeliveryStatus.PENDING, Map.of("run_attempt", 2));
    assertThat(open(next, recipient(0), Map.of()).status()).isEqualTo(DeliveryStatus.PENDING);

    log.complete(next, row.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "3"));
    assertThat(open(next, recipient(0), Map.of()).status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void anAlertsRowIsApartFromTheReportsRowToTheSameRecipient() {
    Recipient recipient = recipient(0);
    DeliveryRecord report = open(recipient);
    DeliveryRecord alert = openAlert(run, recipient, Map.of("kind", "alert"));

    assertThat(alert.id()).isNotEqualTo(report.id());
    assertThat(alert.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(alert.key()).isEqualTo(DeliveryEntry.ALERT_PREFIX + recipient.key());
    log.complete(run, alert.id(), DeliveryStatus.SENT, Map.of("kind", "alert"));

    assertThat(openAlert(run, recipient, Map.of()))
        .extracting(DeliveryRecord::id, DeliveryRecord::status)
        .containsExactly(alert.id(), DeliveryStatus.SENT);
    assertThat(open(recipient))
        .extracting(DeliveryRecord::id, DeliveryRecord::status)
        .containsExactly(report.id(), DeliveryStatus.PENDING);
  }

  @Test
  void aStaleAttemptCanNeitherOpenNorCompleteOnceTheRunIsTakenOver() {
    DeliveryRecord opened = open(recipient(0));
    Run next = takeOver(run);
    Recipient other = recipient(1);

    assertThatThrownBy(() -> log.complete(run, opened.id(), DeliveryStatus.SENT, Map.of()))
        .isInstanceOfSatisfying(RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());
    assertThatThrownBy(() -> open(other))
        .isInstanceOfSatisfying(RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());
    assertThatThrownBy(() -> openAlert(run, other, Map.of()))
        .isInstanceOfSatisfying(RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());

    // nothing of the stale attempt was written; the attempt that holds the run writes as before
    assertThat(open(next, recipient(0), Map.of()))
        .extracting(DeliveryRecord::id, DeliveryRecord::status)
        .containsExactly(opened.id(), DeliveryStatus.PENDING);
    log.complete(next, opened.id(), DeliveryStatus.SENT, Map.of());
    assertThat(open(next, recipient(0), Map.of()).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(open(next, other, Map.of()).status()).isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  void completingAnUnknownRowFails() {
    assertThatThrownBy(() -> log.complete(run, UUID.randomUUID(), DeliveryStatus.SENT, Map.of()))
        .isInstanceOf(ReportEngineException.class);
  }
}
