package dev.reports.service.report;

import java.util.UUID;

/**
 * The golden files' fixed data set: every awkward value a CSV must carry, and videos one second
 * either side of each day boundary the filters draw in Pacific/Kiritimati (UTC+14) and
 * America/Los_Angeles (UTC-8, UTC-7 from 2024-03-10 02:00).
 */
final class GoldenDataSet {
  private GoldenDataSet() {}

  static void insert(HostData data, UUID acme, UUID beta) {
    // what the CSV must carry
    data.video(acme)
        .title("Say \"hi\", everyone")
        .platform("youtube")
        .publishedAt("2024-03-12T10:00:00Z")
        .createdAt("2024-03-12T09:00:00Z")
        .statistics(1500, 120, 30, 4)
        .insert();
    data.video(acme)
        .title("Line one\nline two")
        .campaignTag("Campaign B")
        .channelUsername("@other.channel")
        .publishedAt("2024-03-11T20:00:00Z")
        .statistics(900, 50, 5, 1)
        .insert();
    data.video(acme)
        .title("Party time 🎉🔥")
        .platform("instagram")
        .status("archived")
        .campaignTag(null)
        .channelUsername(null)
        .publishedAt("2024-03-08T12:00:00Z")
        .noStatistics()
        .insert();
    data.video(acme)
        .title("Привет, мир — обзор")
        .campaignTag("Кампания")
        .channelUsername("@канал")
        .publishedAt("2024-03-07T08:00:00Z")
        .statistics(2500, 300, 40, 10)
        .insert();
    data.video(acme)
        .title("=HYPERLINK(\"http://evil.test\",\"click\")")
        .platform("youtube")
        .campaignTag("=cmd|' /C calc'!A0")
        .publishedAt("2024-03-06T00:00:00Z")
        .statistics(10, 1, 0, 0)
        .insert();
    data.video(acme)
        .title("+1 for this")
        .status("draft")
        .channelUsername("+channel")
        .publishedAt("2024-03-05T00:00:00Z")
        .insert();
    data.video(acme)
        .title("-5 reasons to laugh")
        .campaignTag("-minus")
        .publishedAt("2024-03-04T00:00:00Z")
        .insert();
    data.video(acme)
        .title("@everyone look")
        .platform("instagram")
        .campaignTag("@tag")
        .publishedAt("2024-03-03T00:00:00Z")
        .insert();
    data.video(acme)
        .title("Glitchy statistics")
        .platform("youtube")
        .campaignTag("Campaign B")
        .publishedAt("2024-03-02T00:00:00Z")
        .statistics(-1, -20, -3, -4)
        .insert();
    data.video(acme)
        .title("Viral hit")
        .publishedAt("2024-03-01T00:00:00Z")
        .statistics(Long.MAX_VALUE, 9_000_000_000_000_000_000L, 123_456_789_012L, 0)
        .insert();
    data.video(acme)
        .title("Unpublished draft one")
        .platform("youtube")
        .status("draft")
        .campaignTag(null)
        .channelUsername(null)
        .publishedAt(null)
        .insert();
    data.video(acme)
        .title("Unpublished draft two")
        .status("draft")
        .channelUsername(null)
        .publishedAt(null)
        .insert();
    data.video(acme)
        .title("50% off today")
        .platform("instagram")
        .campaignTag("Campaign C")
        .channelUsername("@shop_official")
        .publishedAt("2024-02-20T00:00:00Z")
        .insert();
    data.video(acme)
        .title("500 off today")
        .platform("instagram")
        .campaignTag("Campaign C")
        .channelUsername("@shop_official")
        .publishedAt("2024-02-19T00:00:00Z")
        .insert();
    data.video(acme)
        .title("a_b testing")
        .platform("youtube")
        .publishedAt("2024-02-18T00:00:00Z")
        .insert();
    data.video(acme)
        .title("axb testing")
        .platform("youtube")
        .publishedAt("2024-02-17T00:00:00Z")
        .insert();
    data.video(acme).title("Back\\slash and\ttab").publishedAt("2024-02-16T00:00:00Z").insert();
    // the same instant: the lower id first, whatever the titles say
    data.video(acme)
        .title("Same instant: zebra, lower id")
        .publishedAt("2024-02-15T12:00:00Z")
        .insert();
    data.video(acme)
        .title("Same instant: aardvark, higher id")
        .publishedAt("2024-02-15T12:00:00Z")
        .insert();

    // 2024-03-10 starts at 2024-03-09T10:00Z in Kiritimati and 2024-03-10T08:00Z in Los Angeles,
    // and ends at 2024-03-10T10:00Z and 2024-03-11T07:00Z (PDT by then)
    boundary(data, acme, "Kiritimati 03-09, last second", "2024-03-09T09:59:59Z");
    boundary(data, acme, "Kiritimati 03-10, first second", "2024-03-09T10:00:00Z");
    boundary(data, acme, "Los Angeles 03-09, last second", "2024-03-10T07:59:59Z");
    boundary(data, acme, "Los Angeles 03-10, first second", "2024-03-10T08:00:00Z");
    boundary(data, acme, "Kiritimati 03-10, last second", "2024-03-10T09:59:59Z");
    boundary(data, acme, "Kiritimati 03-11, first second", "2024-03-10T10:00:00Z");
    boundary(data, acme, "Los Angeles 03-10, last second", "2024-03-11T06:59:59Z");
    boundary(data, acme, "Los Angeles 03-11, first second", "2024-03-11T07:00:00Z");
    // a run at 2024-03-12 00:30 Kiritimati (2024-03-11T10:30Z), one day back
    boundary(data, acme, "Kiritimati window, a second early", "2024-03-10T10:29:59Z");
    boundary(data, acme, "Kiritimati window, first second", "2024-03-10T10:30:00Z");
    boundary(data, acme, "Kiritimati window, last second", "2024-03-11T10:29:59Z");
    boundary(data, acme, "Kiritimati window, at the run", "2024-03-11T10:30:00Z");
    // a run at 2024-03-12 09:00 PDT (16:00Z), three days back: 2024-03-09 09:00 PST (17:00Z)
    boundary(data, acme, "Los Angeles window, a second early", "2024-03-09T16:59:59Z");
    boundary(data, acme, "Los Angeles window, first second", "2024-03-09T17:00:00Z");
    boundary(data, acme, "Los Angeles window, at the run", "2024-03-12T16:00:00Z");

    // another organization's videos match every filter but must never appear
    data.video(beta).title("Beta's secret video").publishedAt("2024-03-12T11:00:00Z").insert();
    data.video(beta)
        .title("Beta's 50% off")
        .platform("youtube")
        .publishedAt("2024-03-10T09:00:00Z")
        .statistics(5000, 0, 0, 0)
        .insert();
  }

  private static void boundary(HostData data, UUID organization, String title, String instant) {
    data.video(organization)
        .title(title)
        .platform("youtube")
        .campaignTag("Boundaries")
        .channelUsername("@clock")
        .publishedAt(instant)
        .createdAt(instant)
        .statistics(7, 0, 0, 0)
        .insert();
  }
}
