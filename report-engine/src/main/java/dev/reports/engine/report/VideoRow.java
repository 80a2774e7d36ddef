package dev.reports.engine.report;

import java.time.Instant;

/** One row of the report: a video of {@code videos_with_statistics_fast}, in CSV column order. */
public record VideoRow(
    String title,
    String videoUrl,
    String platform,
    String status,
    String campaignTag,
    String channelUsername,
    Instant publishedAt,
    Instant createdAt,
    long views,
    long likes,
    long comments,
    long reposts) {}
