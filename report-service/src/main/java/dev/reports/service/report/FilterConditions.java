package dev.reports.service.report;

import static dev.reports.jooq.Tables.VIDEOS_WITH_STATISTICS_FAST;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.position;
import static org.jooq.impl.DSL.val;

import dev.reports.jooq.tables.VideosWithStatisticsFast;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Turns filters into conditions on {@code videos_with_statistics_fast}. Every value is a bind
 * value; day boundaries are midnights in the schedule's zone, and the relative window ends at the
 * run's scheduled instant, so a late run covers what an on-time one would have.
 */
final class FilterConditions {
  private static final VideosWithStatisticsFast V = VIDEOS_WITH_STATISTICS_FAST;

  private FilterConditions() {}

  static Condition of(ReportFilters filters, UUID organizationId, ZoneId zone, Instant asOf) {
    List<Condition> conditions = new ArrayList<>();
    conditions.add(V.ORGANIZATION_ID.eq(organizationId));
    anyOf(conditions, V.PLATFORM, filters.platforms());
    anyOf(conditions, V.STATUS, filters.statuses());
    anyOf(conditions, V.CAMPAIGN_TAG, filters.campaignTags());
    anyOf(conditions, V.CHANNEL_USERNAME, filters.channelUsernames());
    if (filters.publishedFrom() != null) {
      conditions.add(V.PUBLISHED_AT.ge(startOf(filters.publishedFrom(), zone)));
    }
    if (filters.publishedTo() != null) {
      conditions.add(V.PUBLISHED_AT.lt(startOf(filters.publishedTo().plusDays(1), zone)));
    }
    if (filters.publishedWithinDays() != null) {
      // N calendar days back in the zone: across a DST change that is 23 or 25 hours a day
      Instant since = asOf.atZone(zone).minusDays(filters.publishedWithinDays()).toInstant();
      conditions.add(V.PUBLISHED_AT.ge(utc(since)));
      conditions.add(V.PUBLISHED_AT.lt(utc(asOf)));
    }
    if (filters.search() != null && !filters.search().isEmpty()) {
      // position(), not LIKE: '%', '_' and '\' in the search are plain characters
      conditions.add(position(lower(V.TITLE), lower(val(filters.search()))).gt(0));
    }
    if (filters.minViews() != null) {
      conditions.add(V.VIEWS.ge(filters.minViews()));
    }
    return DSL.and(conditions);
  }

  private static void anyOf(
      List<Condition> conditions, org.jooq.Field<String> field, List<String> values) {
    if (!values.isEmpty()) {
      conditions.add(field.in(values));
    }
  }

  /** The first instant of the day in the zone (not always 00:00 where DST starts at midnight). */
  private static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
    return utc(day.atStartOfDay(zone).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
