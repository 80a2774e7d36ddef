package dev.reports.engine.testing;

import dev.reports.engine.report.VideoRow;
import java.time.Instant;

/** Builds {@link VideoRow}s for tests: every field has a plain default, set only what matters. */
public final class VideoRowBuilder {
  private String title = "A video";
  private String videoUrl = "https://video.test/1";
  private String platform = "tiktok";
  private String status = "active";
  private String campaignTag = "Campaign A";
  private String channelUsername = "@creator";
  private Instant publishedAt = Instant.parse("2024-05-01T12:00:00Z");
  private Instant createdAt = Instant.parse("2024-04-30T12:00:00Z");
  private long views = 100;
  private long likes = 10;
  private long comments = 1;
  private long reposts;

  public static VideoRowBuilder video() {
    return new VideoRowBuilder();
  }

  public VideoRowBuilder title(String title) {
    this.title = title;
    return this;
  }

  public VideoRowBuilder videoUrl(String videoUrl) {
    this.videoUrl = videoUrl;
    return this;
  }

  public VideoRowBuilder platform(String platform) {
    this.platform = platform;
    return this;
  }

  public VideoRowBuilder status(String status) {
    this.status = status;
    return this;
  }

  public VideoRowBuilder campaignTag(String campaignTag) {
    this.campaignTag = campaignTag;
    return this;
  }

  public VideoRowBuilder channelUsername(String channelUsername) {
    this.channelUsername = channelUsername;
    return this;
  }

  public VideoRowBuilder publishedAt(Instant publishedAt) {
    this.publishedAt = publishedAt;
    return this;
  }

  public VideoRowBuilder createdAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  public VideoRowBuilder statistics(long views, long likes, long comments, long reposts) {
    this.views = views;
    this.likes = likes;
    this.comments = comments;
    this.reposts = reposts;
    return this;
  }

  public VideoRow build() {
    return new VideoRow(
        title,
        videoUrl,
        platform,
        status,
        campaignTag,
        channelUsername,
        publishedAt,
        createdAt,
        views,
        likes,
        comments,
        reposts);
  }
}
