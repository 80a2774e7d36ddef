package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import dev.reports.service.testing.TestData;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule repository's SQL on H2, opened exactly as {@code dev} mode opens it. The engine is a
 * mock: what is under test is the service's own queries on the dev database.
 */
class SchedulesOnH2Test {
  @TempDir static Path dir;
  static Database database;
  static DSLContext dsl;
  static final ReportEngine engine = mock(ReportEngine.class);
  static final Instant NEXT = Instant.parse("2026-03-09T04:30:00Z");
  static UUID org;
  static UUID user;
  static UUID link;
  static Schedules schedules;

  @BeforeAll
  static void open() {
    database = Database.open(DatabaseSettings.h2(dir.resolve("reports")));
    dsl = database.dsl();
    TestData.Org seeded = new TestData(dsl).org("Org");
    new TestData(dsl).connectTelegramChats(seeded, -100L);
    org = seeded.id();
    user = seeded.admin();
    link = seeded.link();
    when(engine.schedule(any())).thenReturn(Optional.of(NEXT));
    schedules = new Schedules(dsl, engine);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static ScheduleInput weekly(String time) {
    return new ScheduleInput(
        link.toString(),
        "weekly",
        time,
        "friday",
        null,
        null,
        "Europe/Moscow",
        true,
        true,
        null,
        List.of(
            new ScheduleInput.RecipientInput("telegram", null, -100L),
            new ScheduleInput.RecipientInput("email", user.toString(), null)));
  }

  @Test
  void createReadUpdateListAndDeleteWork() {
    StoredSchedule created = schedules.create(org, user, weekly("07:30"));
    assertThat(created.nextRunAt()).isEqualTo(NEXT);
    assertThat(created.draft().recipients())
        .extracting(ScheduleRecipient::channel)
        .containsExactly(Channel.EMAIL, Channel.TELEGRAM);
    assertThat(created.draft().cronExpression()).isEqualTo("30 7 * * 5");
    assertThat(schedules.find(org, created.id())).contains(created);

    SchedulePatch patch =
        new SchedulePatch(
            new ScheduleInput(
                null, null, null, null, null, "0 9 * * 1-5", null, null, null, null, List.of()),
            Set.of("cron_expression", "recipients"));
    StoredSchedule updated = schedules.update(org, created.id(), patch).orElseThrow();
    assertThat(updated.draft().spec().cron()).isEqualTo("0 9 * * 1-5");
    assertThat(updated.draft().spec().cadence()).isNull();
    assertThat(updated.draft().recipients()).isEmpty();
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());

    assertThat(new JooqReportDefinitions(dsl).find(created.id()))
        .hasValueSatisfying(
            d ->
                assertThat(d.channels())
                    .containsExactlyInAnyOrder(Channel.EMAIL, Channel.TELEGRAM));
    assertThat(schedules.delete(org, created.id())).isTrue();
    assertThat(schedules.find(org, created.id())).isEmpty();
    assertThat(new JooqReportDefinitions(dsl).find(created.id())).isEmpty();
  }

  @Test
  void listPagesNewestFirst() {
    TestData.Org lister = new TestData(dsl).org("Lister");
    UUID other = lister.id();
    UUID otherLink = lister.link();
    List<UUID> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ScheduleInput in =
          new ScheduleInput(
              otherLink.toString(),
              "daily",
              "0" + i + ":00",
              null,
              null,
              null,
              "UTC",
              true,
              false,
              null,
              null);
      created.add(0, schedules.create(other, null, in).id());
    }

    List<UUID> seen = new ArrayList<>();
    Optional<Keyset> after = Optional.empty();
    do {
      Page<StoredSchedule> page = schedules.list(other, Optional.of(otherLink), after, 2);
      page.items().forEach(s -> seen.add(s.id()));
      after = page.next();
    } while (after.isPresent());

    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void notificationsAreReadWithTheirPayload() {
    StoredSchedule s = schedules.create(org, user, weekly("08:00"));
    UUID run = UUID.randomUUID();
    dsl.insertInto(SHARED_REPORT_RUNS)
        .set(SHARED_REPORT_RUNS.ID, run)
        .set(SHARED_REPORT_RUNS.SCHEDULE_ID, s.id())
        .set(SHARED_REPORT_RUNS.SCHEDULED_FOR, NEXT.atOffset(ZoneOffset.UTC))
        .set(SHARED_REPORT_RUNS.KIND, "scheduled")
        .set(SHARED_REPORT_RUNS.STATUS, "succeeded")
        .execute();
    for (int i = 0; i < 3; i++) {
      dsl.insertInto(SHARED_REPORT_NOTIFICATIONS)
          .set(SHARED_REPORT_NOTIFICATIONS.ID, UUID.randomUUID())
          .set(SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID, s.id())
          .set(SHARED_REPORT_NOTIFICATIONS.RUN_ID, run)
          .set(SHARED_REPORT_NOTIFICATIONS.ORGANIZATION_ID, org)
          .set(SHARED_REPORT_NOTIFICATIONS.CHANNEL, "telegram")
          .set(SHARED_REPORT_NOTIFICATIONS.TELEGRAM_CHAT_ID, (long) i)
          .set(SHARED_REPORT_NOTIFICATIONS.RECIPIENT_KEY, "chat:" + i)
          .set(SHARED_REPORT_NOTIFICATIONS.STATUS, "sent")
          .set(SHARED_REPORT_NOTIFICATIONS.PAYLOAD, JSONB.valueOf("{\"rows\": " + i + "}"))
          .set(SHARED_REPORT_NOTIFICATIONS.CREATED_AT, NEXT.plusSeconds(i).atOffset(ZoneOffset.UTC))
          .execute();
    }
    schedules.delete(org, s.id());

    Page<Notification> first =
        schedules.notifications(org, s.id(), Optional.empty(), 2).orElseThrow();
    Page<Notification> second = schedules.notifications(org, s.id(), first.next(), 2).orElseThrow();

    assertThat(first.items()).extracting(Notification::telegramChatId).containsExactly(2L, 1L);
    assertThat(first.items().get(0).payloadJson()).isEqualToIgnoringWhitespace("{\"rows\":2}");
    assertThat(second.items()).extracting(Notification::telegramChatId).containsExactly(0L);
    assertThat(second.next()).isEmpty();
  }

  @Test
  void runsArePagedAndReadWithTheirDeliveries() {
    StoredSchedule s = schedules.create(org, user, weekly("09:00"));
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID run = UUID.randomUUID();
      runs.add(run);
      dsl.insertInto(SHARED_REPORT_RUNS)
          .set(SHARED_REPORT_RUNS.ID, run)
          .set(SHARED_REPORT_RUNS.SCHEDULE_ID, s.id())
          .set(SHARED_REPORT_RUNS.SCHEDULED_FOR, NEXT.plusSeconds(i).atOffset(ZoneOffset.UTC))
          .set(SHARED_REPORT_RUNS.STARTED_AT, NEXT.plusSeconds(i).atOffset(ZoneOffset.UTC))
          .set(SHARED_REPORT_RUNS.KIND, i == 0 ? "missed" : "scheduled")
          .set(SHARED_REPORT_RUNS.STATUS, i == 0 ? "skipped_missed" : "succeeded")
          .execute();
    }
    dsl.insertInto(SHARED_REPORT_NOTIFICATIONS)
        .set(SHARED_REPORT_NOTIFICATIONS.ID, UUID.randomUUID())
        .set(SHARED_REPORT_NOTIFICATIONS.SCHEDULE_ID, s.id())
        .set(SHARED_REPORT_NOTIFICATIONS.RUN_ID, runs.get(2))
        .set(SHARED_REPORT_NOTIFICATIONS.ORGANIZATION_ID, org)
        .set(SHARED_REPORT_NOTIFICATIONS.CHANNEL, "telegram")
        .set(SHARED_REPORT_NOTIFICATIONS.TELEGRAM_CHAT_ID, -100L)
        .set(SHARED_REPORT_NOTIFICATIONS.RECIPIENT_KEY, "chat:-100")
        .set(SHARED_REPORT_NOTIFICATIONS.STATUS, "sent")
        .execute();
    schedules.delete(org, s.id());

    Page<ReportRun> first = schedules.runs(org, s.id(), Optional.empty(), 2).orElseThrow();
    Page<ReportRun> second = schedules.runs(org, s.id(), first.next(), 2).orElseThrow();
    RunDetail latest = schedules.run(org, runs.get(2)).orElseThrow();

    assertThat(first.items()).extracting(ReportRun::id).containsExactly(runs.get(2), runs.get(1));
    assertThat(second.items()).extracting(ReportRun::id).containsExactly(runs.get(0));
    assertThat(second.items().get(0).kind()).isEqualTo("catch_up");
    assertThat(second.next()).isEmpty();
    assertThat(latest.deliveries()).extracting(Notification::telegramChatId).containsExactly(-100L);
    assertThat(schedules.run(UUID.randomUUID(), runs.get(2))).isEmpty();
  }
}
