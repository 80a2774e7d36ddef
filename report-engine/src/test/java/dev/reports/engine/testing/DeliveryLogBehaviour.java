package dev.reports.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * What every {@link DeliveryLog} does, seen through the port alone: one row per (run, channel,
 * recipient), opened again as it is, a sent row that stays sent, an alert's row apart from the
 * report's, and every write fenced by the run's attempt in the run ledger it belongs with. An
 * implementation's test extends it and says how to make the log, its ledger, a schedule, and an
 * email recipient the log accepts.
 */
public abstract class DeliveryLogBehaviour {
  private DeliveryLog log;
  private RunLog runLog;
  private UUID organization;
  private Run run;

  /** The delivery log under test. */
  protected abstract DeliveryLog deliveryLog();

  /** The run ledger whose attempts fence the log's writes. */
  protected abstract RunLog runLog();

  /** An organization the log may record deliveries of. */
  protected abstract UUID newOrganization();

  /** A new, enabled schedule of {@code organization} the ledger may record runs of. */
  protected abstract UUID newSchedule(UUID organization);

  /** An email recipient of {@code organization} the log may record. */
  protected abstract Recipient emailRecipient(UUID organization);

  @BeforeEach
  void setUpLog() {
    log = deliveryLog();
    runLog = runLog();
    organization = newOrganization();
    run = claim(newSchedule(organization), Duration.ofSeconds(30));
  }

  private Run claim(UUID scheduleId, Duration lease) {
    Run candidate =
        new Run(
            UUID.randomUUID(),
            scheduleId,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            RunKind.SCHEDULED,
            1);
    return runLog.claim(candidate, "node-a", lease).orElseThrow();
  }

  @Test
  void openGivesAPendingRowWithTheRecipientAndPayload() {
    Recipient ann = emailRecipient(organization);

    DeliveryRecord record =
        log.open(
            run, DeliveryEntry.report(organization, ann), Map.of("file_name", "a.csv", "rows", 3));

    assertThat(record.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(record.runId()).isEqualTo(run.id());
    assertThat(record.key()).isEqualTo(ann.key());
    assertThat(record.payload()).containsEntry("file_name", "a.csv").containsEntry("rows", 3);
  }

  @Test
  void openingTheSameDeliveryAgainReturnsTheExistingRowAsItIs() {
    Recipient chat = Recipient.telegram(42L);
    DeliveryRecord first =
        log.open(run, DeliveryEntry.report(organization, chat), Map.of("run_attempt", 1));
    log.complete(run, first.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "7"));

    DeliveryRecord again =
        log.open(run, DeliveryEntry.report(organization, chat), Map.of("run_attempt", 2));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(again.payload()).isEqualTo(Map.of("provider_message_id", "7"));
  }

  @Test
  void theRowOfNoRecipientsIsOneRowOfItsOwn() {
    DeliveryRecord none =
        log.open(run, DeliveryEntry.nobody(organization, Channel.EMAIL), Map.of());
    DeliveryRecord again =
        log.open(run, DeliveryEntry.nobody(organization, Channel.EMAIL), Map.of());

    assertThat(none.key()).isEqualTo(DeliveryEntry.NOBODY);
    assertThat(none.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(again.id()).isEqualTo(none.id());
  }

  @Test
  void concurrentOpensOfOneDeliveryMakeOneRow() throws Exception {
    Recipient chat = Recipient.telegram(77L);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<DeliveryRecord>> opens = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        opens.add(() -> log.open(run, DeliveryEntry.report(organization, chat), Map.of()));
      }
      List<UUID> ids = new ArrayList<>();
      for (Future<DeliveryRecord> f : pool.invokeAll(opens)) {
        ids.add(f.get().id());
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completeRecordsTheStatusAndTheFinalPayload() {
    Recipient chat = Recipient.telegram(1L);
    DeliveryRecord record =
        log.open(run, DeliveryEntry.report(organization, chat), Map.of("rows", 1));

    log.complete(
        run, record.id(), DeliveryStatus.FAILED, Map.of("error_code", "403", "attempts", 1));

    DeliveryRecord stored = log.open(run, DeliveryEntry.report(organization, chat), Map.of());
    assertThat(stored.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(stored.payload()).isEqualTo(Map.of("error_code", "403", "attempts", 1));
  }

  @Test
  void aFailedRowIsSetBackToPendingAndASentRowIsNeverTurnedIntoAnythingElse() {
    Recipient chat = Recipient.telegram(2L);
    DeliveryRecord record = log.open(run, DeliveryEntry.report(organization, chat), Map.of());
    log.complete(run, record.id(), DeliveryStatus.FAILED, Map.of("error", "timeout"));
    log.complete(run, record.id(), DeliveryStatus.PENDING, Map.of("retry", true));
    assertThat(log.open(run, DeliveryEntry.report(organization, chat), Map.of()).status())
        .isEqualTo(DeliveryStatus.PENDING);
    log.complete(run, record.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "9"));

    log.complete(run, record.id(), DeliveryStatus.FAILED, Map.of("error", "late"));

    DeliveryRecord stored = log.open(run, DeliveryEntry.report(organization, chat), Map.of());
    assertThat(stored.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(stored.payload()).containsEntry("provider_message_id", "9");
  }

  @Test
  void anAlertHasARowApartFromTheReportsDeliveryToTheSameRecipient() {
    Recipient chat = Recipient.telegram(3L);
    DeliveryRecord report = log.open(run, DeliveryEntry.report(organization, chat), Map.of());
    DeliveryRecord alert =
        log.open(run, DeliveryEntry.alert(organization, chat), Map.of("kind", "alert"));
    DeliveryRecord alertAgain = log.open(run, DeliveryEntry.alert(organization, chat), Map.of());

    assertThat(alert.id()).isNotEqualTo(report.id());
    assertThat(alertAgain.id()).isEqualTo(alert.id());
    assertThat(alert.payload()).containsEntry("kind", "alert");
  }

  @Test
  void afterATakeoverTheOldAttemptCanNeitherOpenNorCompleteButTheNewOneCan() throws Exception {
    Run stalled = claim(newSchedule(organization), Duration.ofMillis(300));
    DeliveryRecord opened =
        log.open(stalled, DeliveryEntry.report(organization, Recipient.telegram(5L)), Map.of());
    Thread.sleep(600);
    Run next =
        runLog
            .claim(
                new Run(
                    UUID.randomUUID(),
                    stalled.scheduleId(),
                    stalled.scheduledFor(),
                    RunKind.SCHEDULED,
                    1),
                "node-b",
                Duration.ofSeconds(30))
            .orElseThrow();
    assertThat(next.attempt()).isEqualTo(2);

    assertThatThrownBy(
            () -> log.complete(stalled, opened.id(), DeliveryStatus.SENT, Map.of("by", "stale")))
        .isInstanceOfSatisfying(RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());
    assertThatThrownBy(
            () ->
                log.open(
                    stalled, DeliveryEntry.report(organization, Recipient.telegram(6L)), Map.of()))
        .isInstanceOf(RunFencedException.class);

    log.complete(next, opened.id(), DeliveryStatus.SENT, Map.of("by", "next"));
    DeliveryRecord stored =
        log.open(next, DeliveryEntry.report(organization, Recipient.telegram(5L)), Map.of());
    assertThat(stored.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(stored.payload()).containsEntry("by", "next");
  }

  @Test
  void completingAnUnknownRowFails() {
    assertThatThrownBy(() -> log.complete(run, UUID.randomUUID(), DeliveryStatus.SENT, Map.of()))
        .isInstanceOf(ReportEngineException.class);
  }
}
