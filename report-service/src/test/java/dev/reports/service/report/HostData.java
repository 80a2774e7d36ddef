package dev.reports.service.report;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.VIDEOS;
import static dev.reports.jooq.Tables.VIDEO_STATISTICS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Test-data builders for the host tables a report reads. Ids are sequential ({@code
 * 00000000-0000-0000-0000-000000000001}, …) so a data set built in the same order always has the
 * same ids, and with them the same tie order.
 */
final class HostData {
  private final DSLContext dsl;
  private final AtomicLong ids = new AtomicLong();

  HostData(DataSource dataSource) {
    this(DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  HostData(DSLContext dsl) {
    this.dsl = dsl;
  }

  DSLContext dsl() {
    return dsl;
  }

  UUID organization(String name) {
    UUID id = nextId();
    dsl.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, id).set(ORGANIZATIONS.NAME, name).execute();
    return id;
  }

  SharedLinkBuilder sharedLink(UUID organizationId) {
    return new SharedLinkBuilder(organizationId);
  }

  VideoBuilder video(UUID organizationId) {
    return new VideoBuilder(organizationId);
  }

  void filters(UUID sharedLinkId, String filters) {
    dsl.update(SHARED_LINKS)
        .set(SHARED_LINKS.FILTERS, JSONB.valueOf(filters))
        .where(SHARED_LINKS.ID.eq(sharedLinkId))
        .execute();
  }

  private UUID nextId() {
    return new UUID(0, ids.incrementAndGet());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  final class SharedLinkBuilder {
    private final UUID organizationId;
    private String slug = "weekly-report";
    private String name = "Weekly report";
    private String filters = "{}";

    private SharedLinkBuilder(UUID organizationId) {
      this.organizationId = organizationId;
    }

    SharedLinkBuilder slug(String slug) {
      this.slug = slug;
      return this;
    }

    SharedLinkBuilder name(String name) {
      this.name = name;
      return this;
    }

    SharedLinkBuilder filters(String filters) {
      this.filters = filters;
      return this;
    }

    UUID insert() {
      UUID id = nextId();
      dsl.insertInto(SHARED_LINKS)
          .set(SHARED_LINKS.ID, id)
          .set(SHARED_LINKS.ORGANIZATION_ID, organizationId)
          .set(SHARED_LINKS.SLUG, slug)
          .set(SHARED_LINKS.NAME, name)
          .set(SHARED_LINKS.FILTERS, JSONB.valueOf(filters))
          .execute();
      return id;
    }
  }

  final class VideoBuilder {
    private final UUID organizationId;
    private String title = "A video";
    private String videoUrl;
    private String platform = "tiktok";
    private String status = "active";
    private String campaignTag = "Campaign A";
    private String channelUsername = "@creator";
    private Instant publishedAt = Instant.parse("2024-03-01T12:00:00Z");
    private Instant createdAt = Instant.parse("2024-02-28T12:00:00Z");
    private long[] statistics = {100, 10, 1, 0};

    private VideoBuilder(UUID organizationId) {
      this.organizationId = organizationId;
    }

    VideoBuilder title(String title) {
      this.title = title;
      return this;
    }

    VideoBuilder videoUrl(String videoUrl) {
      this.videoUrl = videoUrl;
      return this;
    }

    VideoBuilder platform(String platform) {
      this.platform = platform;
      return this;
    }

    VideoBuilder status(String status) {
      this.status = status;
      return this;
    }

    VideoBuilder campaignTag(String campaignTag) {
      this.campaignTag = campaignTag;
      return this;
    }

    VideoBuilder channelUsername(String channelUsername) {
      this.channelUsername = channelUsername;
      return this;
    }

    VideoBuilder publishedAt(String instant) {
      this.publishedAt = instant == null ? null : Instant.parse(instant);
      return this;
    }

    VideoBuilder createdAt(String instant) {
      this.createdAt = Instant.parse(instant);
      return this;
    }

    VideoBuilder statistics(long views, long likes, long comments, long reposts) {
      this.statistics = new long[] {views, likes, comments, reposts};
      return this;
    }

    VideoBuilder views(long views) {
      long[] changed = statistics == null ? new long[4] : statistics.clone();
      changed[0] = views;
      this.statistics = changed;
      return this;
    }

    /** No {@code video_statistics} row: the view reports zeros. */
    VideoBuilder noStatistics() {
      this.statistics = null;
      return this;
    }

    UUID insert() {
      UUID id = nextId();
      dsl.insertInto(VIDEOS)
          .set(VIDEOS.ID, id)
          .set(VIDEOS.ORGANIZATION_ID, organizationId)
          .set(VIDEOS.TITLE, title)
          .set(VIDEOS.VIDEO_URL, videoUrl != null ? videoUrl : "https://video.test/" + id)
          .set(VIDEOS.PLATFORM, platform)
          .set(VIDEOS.STATUS, status)
          .set(VIDEOS.CAMPAIGN_TAG, campaignTag)
          .set(VIDEOS.CHANNEL_USERNAME, channelUsername)
          .set(VIDEOS.PUBLISHED_AT, utc(publishedAt))
          .set(VIDEOS.CREATED_AT, utc(createdAt))
          .execute();
      if (statistics != null) {
        dsl.insertInto(VIDEO_STATISTICS)
            .set(VIDEO_STATISTICS.VIDEO_ID, id)
            .set(VIDEO_STATISTICS.VIEWS, statistics[0])
            .set(VIDEO_STATISTICS.LIKES, statistics[1])
            .set(VIDEO_STATISTICS.COMMENTS, statistics[2])
            .set(VIDEO_STATISTICS.REPOSTS, statistics[3])
            .execute();
      }
      return id;
    }
  }
}
