package dev.reports.service.dev;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS;
import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.SHARED_REPORT_SCHEDULES;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.jooq.Tables.VIDEOS;
import static dev.reports.jooq.Tables.VIDEO_STATISTICS;

import dev.reports.jooq.tables.records.VideoStatisticsRecord;
import dev.reports.jooq.tables.records.VideosRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * The demo organization {@code dev} mode starts with: one user, two shared links with different
 * filters, {@value #VIDEO_COUNT} videos across platforms, statuses and campaigns (some without
 * statistics, campaign, channel or publication date, some with titles that test CSV escaping), and
 * organization-wide email and Telegram recipients. Generated from a fixed seed, so every dev
 * database holds the same videos, dated relative to the day it was seeded.
 */
public final class DemoData {
  public static final UUID ORGANIZATION_ID =
      UUID.fromString("0de00000-0000-4000-8000-000000000001");
  public static final UUID USER_ID = UUID.fromString("0de00000-0000-4000-8000-000000000002");
  public static final String USER_EMAIL = "demo@example.com";

  /** TikTok and Instagram, active, published in the last 30 days. */
  public static final UUID RECENT_LINK_ID = UUID.fromString("0de00000-0000-4000-8000-000000000011");

  /** Campaign A on YouTube with at least 1,000 views. */
  public static final UUID CAMPAIGN_LINK_ID =
      UUID.fromString("0de00000-0000-4000-8000-000000000012");

  public static final long TELEGRAM_CHAT_ID = -1001234567890L;

  /**
   * A schedule of the first shared link that fires every minute into the outbox, so a newcomer sees
   * a CSV appear without typing anything. The engine's reconciler gives it its trigger.
   */
  public static final UUID DEMO_SCHEDULE_ID =
      UUID.fromString("0de00000-0000-4000-8000-000000000021");

  public static final String DEMO_SCHEDULE_CRON = "* * * * *";
  public static final int VIDEO_COUNT = 5_000;

  static final List<String> PLATFORMS = List.of("tiktok", "instagram", "youtube");
  static final List<String> STATUSES = List.of("active", "paused", "archived");
  static final List<String> CAMPAIGNS =
      List.of("Campaign A", "Campaign B", "Spring Launch", "Holiday 2025");

  private static final long SEED = 20_240_601L;
  private static final List<String> TOPICS =
      List.of(
          "Morning routine",
          "Unboxing",
          "Behind the scenes",
          "Product demo",
          "Q&A",
          "Tutorial",
          "Day in the life",
          "Haul",
          "Challenge",
          "Review");
  private static final List<String> SUBJECTS =
      List.of(
          "espresso machine",
          "running shoes",
          "summer collection",
          "skincare set",
          "noise-cancelling headphones",
          "travel backpack",
          "smart watch",
          "desk setup");

  // titles a CSV writer must escape or neutralise (docs/reports.md)
  private static final List<String> AWKWARD_TITLES =
      List.of(
          "=HYPERLINK(\"https://example.com\",\"Click me\")",
          "+1 tip you did not know",
          "-50% today only",
          "@everyone look at this",
          "Quotes \"inside\", and commas",
          "Two lines:\nthe second one",
          "Привет, мир 🎉 — a unicode title",
          "\tStarts with a tab");

  private static final List<String> CHANNELS =
      List.of(
          "@creator",
          "@maria.k",
          "@tech_daily",
          "@brew.lab",
          "@run.with.sam",
          "@glowup_studio",
          "@gadget.guru",
          "@weekend.trips",
          "@desk_goals",
          "@fit.nina",
          "@the.unboxer",
          "@daily_dose",
          "@chef.marco",
          "@style.by.lea",
          "@soundcheck");

  private DemoData() {}

  /**
   * Seeds the demo organization in one transaction unless it is already there.
   *
   * @return whether it seeded
   */
  public static boolean seedOnce(DSLContext dsl, Clock clock) {
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          if (tx.fetchExists(ORGANIZATIONS, ORGANIZATIONS.ID.eq(ORGANIZATION_ID))) {
            return false;
          }
          seed(tx, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
          return true;
        });
  }

  private static void seed(DSLContext tx, OffsetDateTime now) {
    OffsetDateTime start = now.minusDays(600).truncatedTo(ChronoUnit.SECONDS);
    tx.newRecord(ORGANIZATIONS)
        .setId(ORGANIZATION_ID)
        .setName("Demo Agency")
        .setCreatedAt(start)
        .insert();
    tx.newRecord(USERS)
        .setId(USER_ID)
        .setOrganizationId(ORGANIZATION_ID)
        .setEmail(USER_EMAIL)
        .setName("Demo User")
        .setCreatedAt(start)
        .insert();
    tx.newRecord(SHARED_LINKS)
        .setId(RECENT_LINK_ID)
        .setOrganizationId(ORGANIZATION_ID)
        .setSlug("tiktok-instagram-active-30d")
        .setName("TikTok & Instagram: active, last 30 days")
        .setFilters(
            JSONB.valueOf(
                "{\"platforms\": [\"tiktok\", \"instagram\"], \"statuses\": [\"active\"],"
                    + " \"published_within_days\": 30}"))
        .setCreatedAt(start)
        .insert();
    tx.newRecord(SHARED_LINKS)
        .setId(CAMPAIGN_LINK_ID)
        .setOrganizationId(ORGANIZATION_ID)
        .setSlug("campaign-a-youtube-top")
        .setName("Campaign A on YouTube, 1,000+ views")
        .setFilters(
            JSONB.valueOf(
                "{\"campaign_tags\": [\"Campaign A\"], \"platforms\": [\"youtube\"],"
                    + " \"min_views\": 1000}"))
        .setCreatedAt(start)
        .insert();
    tx.newRecord(ORGANIZATION_NOTIFICATION_EMAIL_RECIPIENTS)
        .setId(uuid("email-recipient", 1))
        .setOrganizationId(ORGANIZATION_ID)
        .setUserId(USER_ID)
        .insert();
    tx.newRecord(ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS)
        .setId(uuid("telegram-recipient", 1))
        .setOrganizationId(ORGANIZATION_ID)
        .setTelegramChatId(TELEGRAM_CHAT_ID)
        .insert();
    tx.newRecord(SHARED_REPORT_SCHEDULES)
        .setId(DEMO_SCHEDULE_ID)
        .setOrganizationId(ORGANIZATION_ID)
        .setSharedLinkId(RECENT_LINK_ID)
        .setCreatedBy(USER_ID)
        .setCronExpression(DEMO_SCHEDULE_CRON)
        .setTimezone("Europe/Moscow")
        .setSendEmail(true)
        .setSendTelegram(true)
        .setEnabled(true)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .insert();

    Random random = new Random(SEED);
    List<VideosRecord> videos = new ArrayList<>(VIDEO_COUNT);
    List<VideoStatisticsRecord> statistics = new ArrayList<>(VIDEO_COUNT);
    for (int i = 0; i < VIDEO_COUNT; i++) {
      VideosRecord video = video(tx, random, i, now);
      videos.add(video);
      if (random.nextInt(100) >= 5) {
        statistics.add(statistics(tx, random, video.getId(), now));
      }
    }
    // multi-row inserts of 500: a tenth of the time of single-row batches, well under the
    // drivers' bind-parameter limits
    for (int from = 0; from < videos.size(); from += 500) {
      tx.insertInto(VIDEOS)
          .columns(VIDEOS.fields())
          .valuesOfRecords(videos.subList(from, Math.min(videos.size(), from + 500)))
          .execute();
    }
    for (int from = 0; from < statistics.size(); from += 500) {
      tx.insertInto(VIDEO_STATISTICS)
          .columns(VIDEO_STATISTICS.fields())
          .valuesOfRecords(statistics.subList(from, Math.min(statistics.size(), from + 500)))
          .execute();
    }
  }

  private static VideosRecord video(DSLContext tx, Random random, int i, OffsetDateTime now) {
    UUID id = uuid("video", i);
    String platform = pick(random, PLATFORMS, 45, 35, 20);
    String status = pick(random, STATUSES, 75, 15, 10);
    String campaign = random.nextInt(100) < 30 ? null : CAMPAIGNS.get(random.nextInt(4));
    String channel =
        random.nextInt(100) < 10 ? null : CHANNELS.get(random.nextInt(CHANNELS.size()));
    String title =
        i % 250 == 7
            ? AWKWARD_TITLES.get((i / 250) % AWKWARD_TITLES.size())
            : TOPICS.get(random.nextInt(TOPICS.size()))
                + ": "
                + SUBJECTS.get(random.nextInt(SUBJECTS.size()))
                + " #"
                + (i + 1);
    OffsetDateTime published =
        random.nextInt(100) < 3
            ? null
            : now.minusSeconds(random.nextInt(540 * 24 * 3600)).truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime created =
        published == null
            ? now.minusSeconds(random.nextInt(60 * 24 * 3600)).truncatedTo(ChronoUnit.SECONDS)
            : published.minusSeconds(random.nextInt(3 * 24 * 3600));
    return tx.newRecord(VIDEOS)
        .setId(id)
        .setOrganizationId(ORGANIZATION_ID)
        .setTitle(title)
        .setVideoUrl(url(platform, channel, id))
        .setPlatform(platform)
        .setStatus(status)
        .setCampaignTag(campaign)
        .setChannelUsername(channel)
        .setPublishedAt(published)
        .setCreatedAt(created);
  }

  private static VideoStatisticsRecord statistics(
      DSLContext tx, Random random, UUID videoId, OffsetDateTime now) {
    long views = (long) Math.exp(random.nextDouble() * 13);
    long likes = (long) (views * (0.01 + random.nextDouble() * 0.11));
    long comments = (long) (likes * random.nextDouble() * 0.15);
    long reposts = (long) (likes * random.nextDouble() * 0.08);
    return tx.newRecord(VIDEO_STATISTICS)
        .setVideoId(videoId)
        .setViews(views)
        .setLikes(likes)
        .setComments(comments)
        .setReposts(reposts)
        .setUpdatedAt(now.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String url(String platform, String channel, UUID id) {
    String code = id.toString().replace("-", "").substring(0, 11);
    return switch (platform) {
      case "tiktok" ->
          "https://www.tiktok.com/"
              + (channel == null ? "@unknown" : channel)
              + "/video/"
              + Long.toUnsignedString(id.getLeastSignificantBits());
      case "instagram" -> "https://www.instagram.com/reel/" + code + "/";
      default -> "https://www.youtube.com/watch?v=" + code;
    };
  }

  private static String pick(Random random, List<String> values, int... weights) {
    int roll = random.nextInt(100);
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }

  private static UUID uuid(String kind, int n) {
    return UUID.nameUUIDFromBytes(("demo-" + kind + "-" + n).getBytes(StandardCharsets.UTF_8));
  }
}
