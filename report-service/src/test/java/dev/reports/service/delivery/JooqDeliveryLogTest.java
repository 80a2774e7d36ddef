package dev.reports.service.delivery;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.jooq.tables.records.SharedReportNotificationsRecord;
import dev.reports.service.run.JooqRunLog;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqDeliveryLogTest {
  @RegisterExtension static PostgresDatabase database = new PostgresDatabase();

  DSLContext db;
  HostData data;
  JooqDeliveryLog log;
  UUID organization;
  ReportDefinition definition;
  Run run;

  @BeforeEach
  void setUp() {
    db = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    data = new HostData(db);
    log = new JooqDeliveryLog(db);
    organization = data.organization();
    definition = data.schedule(organization, Channel.EMAIL, Channel.TELEGRAM);
    run = data.run(definition);
  }

  @Test
  void openWritesAPendingRowWithTheRecipientsColumnsAndPayload() {
    UUID user = data.user(organization, "ann@example.com");
    Recipient ann = Recipient.email(user, "ann@example.com");

    DeliveryRecord record =
        log.open(
            run, DeliveryEntry.report(organization, ann), Map.of("file_name", "a.csv", "rows", 3));

    assertThat(record.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(record.key()).isEqualTo(ann.key());
    assertThat(record.channel()).isEqualTo(Channel.EMAIL);
    assertThat(record.payload()).containsEntry("file_name", "a.csv").containsEntry("rows", 3);
    SharedReportNotificationsRecord row = stored(record.id());
    assertThat(row.getStatus()).isEqualTo("pending");
    assertThat(row.getScheduleId()).isEqualTo(definition.scheduleId());
    assertThat(row.getRunId()).isEqualTo(run.id());
    assertThat(row.getOrganizationId()).isEqualTo(organization);
    assertThat(row.getChannel()).isEqualTo("email");
    assertThat(row.getRecipientUserId()).isEqualTo(user);
    assertThat(row.getTelegramChatId()).isNull();
    assertThat(row.getRecipientKey()).isEqualTo("user:" + user);
  }

  @Test
  void aTelegramRowCarriesItsChatAndTheNoRecipientRowItsMarker() {
    DeliveryRecord chat =
        log.open(run, DeliveryEntry.report(organization, Recipient.telegram(-100L)), Map.of());
    DeliveryRecord none =
        log.open(run, DeliveryEntry.nobody(organization, Channel.EMAIL), Map.of());

    assertThat(stored(chat.id()).getTelegramChatId()).isEqualTo(-100L);
    assertThat(stored(chat.id()).getRecipientKey()).isEqualTo("chat:-100");
    assertThat(stored(none.id()).getRecipientKey()).isEqualTo("none");
    assertThat(none.key()).isEqualTo(DeliveryEntry.NOBODY);
  }

  @Test
  void anAlertsRowIsApartFromTheReportsAndKeepsTheUserColumn() {
    UUID user = data.user(organization, "ann@example.com");
    Recipient ann = Recipient.email(user, "ann@example.com");

    DeliveryRecord report = log.open(run, DeliveryEntry.report(organization, ann), Map.of());
    DeliveryRecord alert = log.open(run, DeliveryEntry.alert(organization, ann), Map.of());

    assertThat(alert.id()).isNotEqualTo(report.id());
    assertThat(stored(alert.id()).getRecipientKey()).isEqualTo("alert:user:" + user);
    assertThat(stored(alert.id()).getRecipientUserId()).isEqualTo(user);
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
    assertThat(again.payload()).containsEntry("provider_message_id", "7");
    assertThat(rowsOfRun()).isEqualTo(1);
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
      assertThat(rowsOfRun()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completeSetsStatusPayloadAndUpdatedAt() throws InterruptedException {
    DeliveryRecord record =
        log.open(
            run, DeliveryEntry.report(organization, Recipient.telegram(1L)), Map.of("rows", 1));
    var createdAt = stored(record.id()).getUpdatedAt();
    Thread.sleep(5);

    log.complete(
        run,
        record.id(),
        DeliveryStatus.FAILED,
        Map.of(
            "error_code", "403", "error", "Forbidden: bot was blocked by the user", "attempts", 1));

    SharedReportNotificationsRecord row = stored(record.id());
    assertThat(row.getStatus()).isEqualTo("failed");
    assertThat(
            log.open(run, DeliveryEntry.report(organization, Recipient.telegram(1L)), Map.of())
                .payload())
        .isEqualTo(
            Map.of(
                "error_code",
                "403",
                "error",
                "Forbidden: bot was blocked by the user",
                "attempts",
                1));
    assertThat(row.getUpdatedAt()).isAfter(createdAt);
  }

  @Test
  void aSentRowIsNeverTurnedIntoAnythingElse() {
    DeliveryRecord record =
        log.open(run, DeliveryEntry.report(organization, Recipient.telegram(2L)), Map.of());
    log.complete(run, record.id(), DeliveryStatus.SENT, Map.of("provider_message_id", "9"));

    log.complete(run, record.id(), DeliveryStatus.FAILED, Map.of("error", "late"));

    assertThat(stored(record.id()).getStatus()).isEqualTo("sent");
  }

  @Test
  void aStaleAttemptCanNeitherOpenNorCompleteARowOnceTheRunIsTakenOver() {
    DeliveryRecord opened =
        log.open(run, DeliveryEntry.report(organization, Recipient.telegram(5L)), Map.of());
    Run next = data.takeOver(run);

    assertThatThrownBy(
            () -> log.complete(run, opened.id(), DeliveryStatus.SENT, Map.of("by", "stale")))
        .isInstanceOfSatisfying(RunFencedException.class, e -> assertThat(e.takenOver()).isTrue());
    assertThatThrownBy(
            () ->
                log.open(run, DeliveryEntry.report(organization, Recipient.telegram(6L)), Map.of()))
        .isInstanceOf(RunFencedException.class);

    assertThat(stored(opened.id()).getStatus()).isEqualTo("pending");
    assertThat(rowsOfRun()).isEqualTo(1);
    // the attempt that holds the run writes as before
    log.complete(next, opened.id(), DeliveryStatus.SENT, Map.of("by", "next"));
    assertThat(stored(opened.id()).getStatus()).isEqualTo("sent");
    assertThat(log.open(next, DeliveryEntry.report(organization, Recipient.telegram(6L)), Map.of()))
        .extracting(DeliveryRecord::status)
        .isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  void afterTheLedgersTakeoverClaimTheOldAttemptsWritesAreRefused() {
    DeliveryRecord opened =
        log.open(run, DeliveryEntry.report(organization, Recipient.telegram(8L)), Map.of());
    // the run's lease has expired (its node stalled): another node's claim takes it over
    db.update(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.LEASE_EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(SHARED_REPORT_RUNS.ID.eq(run.id()))
        .execute();
    Run candidate = new Run(UUID.randomUUID(), run.scheduleId(), run.scheduledFor(), run.kind(), 1);
    Run next = new JooqRunLog(db).claim(candidate, "node-b", Duration.ofSeconds(30)).orElseThrow();

    assertThat(next.attempt()).isEqualTo(2);
    assertThatThrownBy(
            () -> log.complete(run, opened.id(), DeliveryStatus.FAILED, Map.of("error", "x")))
        .isInstanceOf(RunFencedException.class);
    assertThatThrownBy(
            () ->
                log.open(run, DeliveryEntry.report(organization, Recipient.telegram(9L)), Map.of()))
        .isInstanceOf(RunFencedException.class);
    assertThat(stored(opened.id()).getStatus()).isEqualTo("pending");
  }

  @Test
  void completingAnUnknownRowFails() {
    assertThatThrownBy(() -> log.complete(run, UUID.randomUUID(), DeliveryStatus.SENT, Map.of()))
        .isInstanceOf(ReportEngineException.class);
  }

  private int rowsOfRun() {
    return db.fetchCount(
        SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.RUN_ID.eq(run.id()));
  }

  private SharedReportNotificationsRecord stored(UUID id) {
    return db.fetchSingle(SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.ID.eq(id));
  }
}
