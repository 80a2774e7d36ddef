package dev.reports.service.report;

import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Seeds many videos at once, inside PostgreSQL ({@code generate_series}), for the heap test and the
 * benchmark: titles of about 150 characters with quotes, commas and non-ASCII text, every fiftieth
 * video unpublished, statistics for nine videos in ten.
 */
final class BulkVideos {
  private BulkVideos() {}

  static void seed(DSLContext dsl, UUID organizationId, int count) {
    dsl.execute(
        """
        insert into videos (id, organization_id, title, video_url, platform, status, campaign_tag,
                            channel_username, published_at, created_at)
        select gen_random_uuid(), ?,
               'Video #' || i || ': "' || md5(i::text) || '", with commas, quotes, ünïcödé 🎬 and '
                   || 'a tail long enough to weigh what real titles weigh, ' || md5((i * 7)::text),
               'https://video.test/watch?v=' || md5((i * 3)::text),
               (array['tiktok', 'instagram', 'youtube'])[1 + i % 3],
               case when i % 10 = 0 then 'archived' else 'active' end,
               case when i % 7 = 0 then null else 'Campaign ' || (i % 20) end,
               case when i % 11 = 0 then null else '@creator_' || (i % 1000) end,
               case when i % 50 = 0 then null
                    else timestamptz '2024-01-01 00:00:00+00' + (i % 525600) * interval '1 minute' end,
               timestamptz '2023-12-01 00:00:00+00' + i * interval '1 second'
        from generate_series(1, ?) as i
        """,
        organizationId, count);
    dsl.execute(
        """
        insert into video_statistics (video_id, views, likes, comments, reposts)
        select id, h % 10000000, h % 100000, h % 1000, h % 100
        from (select id, abs(hashtext(id::text))::bigint as h
              from videos where organization_id = ?) as v
        where h % 10 <> 0
        """,
        organizationId);
    dsl.execute("analyze videos");
    dsl.execute("analyze video_statistics");
  }
}
