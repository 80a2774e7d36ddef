package dev.reports.service.schema;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_MANUAL_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_ORGANIZATION_LOCKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULE_RECIPIENTS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;
import static dev.reports.jooq.Tables.VIDEOS_WITH_STATISTICS_FAST;
import static dev.reports.jooq.Tables.VIDEO_STATISTICS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.jooq.DefaultSchema;
import dev.reports.jooq.tables.records.OrganizationsRecord;
import dev.reports.jooq.tables.records.SharedLinksRecord;
import dev.reports.jooq.tables.records.SharedReportRunsRecord;
import dev.reports.jooq.tables.records.SharedReportSchedulesRecord;
import dev.reports.jooq.tables.records.UsersRecord;
import dev.reports.jooq.tables.records.VideosRecord;
import dev.reports.jooq.tables.records.VideosWithStatisticsFastRecord;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.TableOptions;
import org.jooq.UpdatableRecord;
import org.junit.jupiter.api.Test;

/**
 * Every table's generated record goes into the database and comes back equal, column by column: the
 * generated types are the right ones for the real schema (uuid, timestamptz with its instant, jsonb
 * as a JSON value and not a string, negative bigints, times of day, unicode).
 */
abstract class RoundTripContract {
  private static final ObjectMapper json = new ObjectMapper();

  static final JSONB NESTED_JSON =
      JSONB.valueOf(
          "{\"platforms\": [\"tiktok\", \"youtube\"], \"published_within_days\": 7,"
              + " \"search\": \"Привет \\\"мир\\\" 🎉\", \"min_views\": 12345678901234,"
              + " \"nested\": {\"on\": true, \"off\": false, \"none\": null, \"list\": [1, [2, {}]]}}");

  /** An instant with microseconds, written in a non-UTC offset. */
  static final OffsetDateTime WHEN = OffsetDateTime.parse("2026-03-29T02:30:00.123456+03:00");

  abstract DSLContext dsl();

  @Test
  void everyTableRoundTripsThroughItsGeneratedRecord() {
    DSLContext dsl = dsl();
    List<UpdatableRecord<?>> written = writeEveryTable(dsl);

    Set<Table<?>> tables = new HashSet<>();
    for (UpdatableRecord<?> record : written) {
      org.jooq.Record read = reload(dsl, record);
      for (Field<?> field : record.fields()) {
        assertThat(comparable(read.get(field)))
            .as("%s.%s", record.getTable().getName(), field.getName())
            .isEqualTo(comparable(record.get(field)));
      }
      tables.add(record.getTable());
    }

    Set<String> everyTable =
        DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
            .filter(t -> t.getTableType() == TableOptions.TableType.TABLE)
            .map(Table::getName)
            .collect(Collectors.toSet());
    assertThat(tables.stream().map(Table::getName).collect(Collectors.toSet()))
        .as("a new table needs a round trip here")
        .isEqualTo(everyTable);

    // and together, the rows of a table set every one of its columns at least once
    for (Table<?> table : tables) {
      Set<String> set =
          written.stream()
              .filter(r -> r.getTable().equals(table))
              .flatMap(r -> List.of(r.fields()).stream().filter(f -> r.get(f) != null))
              .map(Field::getName)
              .collect(Collectors.toSet());
      assertThat(set)
          .as("columns of %s the round trip sets", table.getName())
          .containsExactlyInAnyOrderElementsOf(
              List.of(table.fields()).stream().map(Field::getName).toList());
    }
  }

  @Test
  void jsonbDefaultsToAnEmptyObjectAndUpdatesInPlace() throws Exception {
    DSLContext dsl = dsl();
    OrganizationsRecord organization = organization(dsl);
    SharedLinksRecord link =
        dsl.newRecord(SHARED_LINKS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setSlug("defaults")
            .setName("Defaults");
    link.insert();
    JSONB filters = dsl.fetchSingle(SHARED_LINKS, SHARED_LINKS.ID.eq(link.getId())).getFilters();
    assertThat(json.readTree(filters.data()).isObject()).as(filters.data()).isTrue();
    assertThat(json.readTree(filters.data())).isEmpty();

    link.setFilters(NESTED_JSON).update();
    assertThat(
            json.readTree(
                dsl.fetchSingle(SHARED_LINKS, SHARED_LINKS.ID.eq(link.getId()))
                    .getFilters()
                    .data()))
        .isEqualTo(json.readTree(NESTED_JSON.data()));
  }

  @Test
  void theVideosViewAddsStatisticsAndZeroWhereThereAreNone() {
    DSLContext dsl = dsl();
    OrganizationsRecord organization = organization(dsl);
    VideosRecord counted = video(dsl, organization);
    VideosRecord uncounted = video(dsl, organization);
    dsl.newRecord(VIDEO_STATISTICS)
        .setVideoId(counted.getId())
        .setViews(10L)
        .setLikes(3L)
        .setComments(2L)
        .setReposts(1L)
        .insert();

    VideosWithStatisticsFastRecord withStats =
        dsl.fetchSingle(
            VIDEOS_WITH_STATISTICS_FAST, VIDEOS_WITH_STATISTICS_FAST.ID.eq(counted.getId()));
    assertThat(withStats.getTitle()).isEqualTo(counted.getTitle());
    assertThat(withStats.getChannelUsername()).isEqualTo(counted.getChannelUsername());
    assertThat(withStats.getPublishedAt().toInstant())
        .isEqualTo(counted.getPublishedAt().toInstant());
    assertThat(
            List.of(
                withStats.getViews(),
                withStats.getLikes(),
                withStats.getComments(),
                withStats.getReposts()))
        .containsExactly(10L, 3L, 2L, 1L);

    VideosWithStatisticsFastRecord withoutStats =
        dsl.fetchSingle(
            VIDEOS_WITH_STATISTICS_FAST, VIDEOS_WITH_STATISTICS_FAST.ID.eq(uncounted.getId()));
    assertThat(
            List.of(
                withoutStats.getViews(),
                withoutStats.getLikes(),
                withoutStats.getComments(),
                withoutStats.getReposts()))
        .containsExactly(0L, 0L, 0L, 0L);
  }

  private static List<UpdatableRecord<?>> writeEveryTable(DSLContext dsl) {
    List<UpdatableRecord<?>> written = new ArrayList<>();
    OrganizationsRecord organization = organization(dsl);
    written.add(organization);
    UsersRecord user =
        dsl.newRecord(USERS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setEmail("ærøskøbing+reports@example.com")
            .setName("Zoë \"Z\" O'Brien")
            .setDeactivatedAt(WHEN.plusDays(1))
            .setCreatedAt(WHEN);
    written.add(insert(user));
    SharedLinksRecord link =
        dsl.newRecord(SHARED_LINKS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setSlug("top-videos")
            .setName("Top videos, ünïcødé")
            .setFilters(NESTED_JSON)
            .setCreatedAt(WHEN);
    written.add(insert(link));
    VideosRecord video = video(dsl, organization);
    written.add(video);
    written.add(
        insert(
            dsl.newRecord(VIDEO_STATISTICS)
                .setVideoId(video.getId())
                .setViews(Long.MAX_VALUE)
                .setLikes(0L)
                .setComments(3L)
                .setReposts(4L)
                .setUpdatedAt(WHEN)));
    written.add(
        insert(
            dsl.newRecord(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS)
                .setId(UUID.randomUUID())
                .setOrganizationId(organization.getId())
                .setUserId(user.getId())));
    written.add(
        insert(
            dsl.newRecord(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
                .setId(UUID.randomUUID())
                .setOrganizationId(organization.getId())
                .setTelegramChatId(-1001234567890L)));
    SharedReportSchedulesRecord weekly =
        dsl.newRecord(SHARED_REPORT_SCHEDULES)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setSharedLinkId(link.getId())
            .setCreatedBy(user.getId())
            .setCadence("weekly")
            .setCronExpression("30 7 * * 1")
            .setTimezone("America/Sao_Paulo")
            .setScheduledTime(LocalTime.of(7, 30))
            .setDayOfWeek((short) 1)
            .setSendEmail(true)
            .setSendTelegram(true)
            .setEnabled(false)
            .setNextRunAt(WHEN.plusDays(7))
            .setLastRunAt(WHEN)
            .setLastRunStatus("partially_failed")
            .setName("Weekly creators · 📈")
            .setSkipIfEmpty(true)
            .setCsvDelimiter("semicolon")
            .setCsvBom(true)
            .setConsecutiveFailures(5)
            .setDisabledReason("paused after 5 failed runs in a row; the last failed: «ошибка» 🎉")
            .setCreatedAt(WHEN.minusDays(30))
            .setUpdatedAt(WHEN.minusDays(1))
            .setDeletedAt(WHEN.plusDays(2));
    written.add(insert(weekly));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_SCHEDULES)
                .setId(UUID.randomUUID())
                .setOrganizationId(organization.getId())
                .setSharedLinkId(link.getId())
                .setCadence("monthly")
                .setCronExpression("0 23 L * *")
                .setTimezone("Asia/Kathmandu")
                .setScheduledTime(LocalTime.of(23, 0))
                .setDayOfMonth((short) -1) // the last day of the month
                .setSendEmail(false)
                .setSendTelegram(true)
                .setEnabled(true)
                .setSkipIfEmpty(false)
                .setCsvDelimiter("tab")
                .setCsvBom(false)
                .setConsecutiveFailures(0)
                .setCreatedAt(WHEN)
                .setUpdatedAt(WHEN)));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_SCHEDULE_RECIPIENTS)
                .setId(UUID.randomUUID())
                .setScheduleId(weekly.getId())
                .setChannel("email")
                .setUserId(user.getId())));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_SCHEDULE_RECIPIENTS)
                .setId(UUID.randomUUID())
                .setScheduleId(weekly.getId())
                .setChannel("telegram")
                .setTelegramChatId(-1001234567890L)));
    SharedReportRunsRecord run =
        dsl.newRecord(SHARED_REPORT_RUNS)
            .setId(UUID.randomUUID())
            .setScheduleId(weekly.getId())
            .setScheduledFor(WHEN)
            .setKind("missed")
            .setManualKey("")
            .setStatus("partially_failed")
            .setNodeId("node-a:7f3c")
            .setAttempts(2)
            .setStartedAt(WHEN.plusSeconds(1))
            .setFinishedAt(WHEN.plusSeconds(9))
            .setRowCount(4_999L)
            .setByteSize(1_234_567L)
            .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            .setError("telegram: Bad Request: chat not found")
            .setLeaseExpiresAt(WHEN.plusSeconds(31));
    written.add(insert(run));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_NOTIFICATIONS)
                .setId(UUID.randomUUID())
                .setScheduleId(weekly.getId())
                .setRunId(run.getId())
                .setOrganizationId(organization.getId())
                .setChannel("email")
                .setRecipientUserId(user.getId())
                .setRecipientKey("user:" + user.getId())
                .setStatus("sent")
                .setPayload(JSONB.valueOf("{\"provider_id\": \"abc\", \"bytes\": 1234567}"))
                .setCreatedAt(WHEN)
                .setUpdatedAt(WHEN.plusSeconds(2))));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_NOTIFICATIONS)
                .setId(UUID.randomUUID())
                .setScheduleId(weekly.getId())
                .setRunId(run.getId())
                .setOrganizationId(organization.getId())
                .setChannel("telegram")
                .setTelegramChatId(-1001234567890L)
                .setRecipientKey("chat:-1001234567890")
                .setStatus("failed")
                .setPayload(NESTED_JSON)
                .setCreatedAt(WHEN.plusSeconds(3))
                .setUpdatedAt(WHEN.plusSeconds(4))));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_MANUAL_RUNS)
                .setRunId(UUID.randomUUID())
                .setScheduleId(weekly.getId())
                .setOrganizationId(organization.getId())
                .setIdempotencyKey("retry-\"ü\"-" + "k".repeat(90))
                .setRequestedAt(WHEN)));
    written.add(
        insert(
            dsl.newRecord(SHARED_REPORT_ORGANIZATION_LOCKS)
                .setOrganizationId(organization.getId())));
    return written;
  }

  private static OrganizationsRecord organization(DSLContext dsl) {
    return insert(
        dsl.newRecord(ORGANIZATIONS)
            .setId(UUID.randomUUID())
            .setName("Ünïcødé & Co. \"quoted\" 🎉")
            .setCreatedAt(WHEN));
  }

  private static VideosRecord video(DSLContext dsl, OrganizationsRecord organization) {
    return insert(
        dsl.newRecord(VIDEOS)
            .setId(UUID.randomUUID())
            .setOrganizationId(organization.getId())
            .setTitle("=cmd|' /C calc'!A0, \"quoted\"\nsecond line")
            .setVideoUrl("https://www.tiktok.com/@creator/video/7350000000000000000")
            .setPlatform("tiktok")
            .setStatus("active")
            .setCampaignTag("Campaign A")
            .setChannelUsername("@creator")
            .setPublishedAt(WHEN)
            .setCreatedAt(WHEN.minusHours(5)));
  }

  private static <R extends UpdatableRecord<R>> R insert(R record) {
    record.insert();
    return record;
  }

  private static org.jooq.Record reload(DSLContext dsl, UpdatableRecord<?> record) {
    List<org.jooq.Condition> key = new ArrayList<>();
    for (Field<?> field : record.getTable().getPrimaryKey().getFields()) {
      key.add(field(field).eq(record.get(field)));
    }
    return dsl.selectFrom(record.getTable()).where(key).fetchSingle();
  }

  @SuppressWarnings("unchecked")
  private static Field<Object> field(Field<?> field) {
    return (Field<Object>) field;
  }

  /** Values as the database means them: an instant (not its offset), a JSON value (not text). */
  private static Object comparable(Object value) {
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof JSONB jsonb) {
      try {
        JsonNode node = json.readTree(jsonb.data());
        return node;
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + jsonb.data(), e);
      }
    }
    return value;
  }
}
