package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.test.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole report — current filters, query, CSV — against golden files, byte for byte, on real
 * PostgreSQL. After a deliberate change of output, regenerate them with {@code
 * -Dgolden.update=true} and review the diff.
 */
class ReportGoldenFilesTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  static final String GOLDEN = "golden/report/";
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati"); // UTC+14
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles"); // DST on 2024-03-10
  private static final Instant AFTER_EVERYTHING = Instant.parse("2024-03-13T00:00:00Z");

  private static HostData data;
  private static UUID acme;
  private static UUID beta;

  @TempDir Path workDir;

  @BeforeAll
  static void fixedDataSet() {
    data = new HostData(db.dataSource());
    acme = data.organization("Acme");
    beta = data.organization("Beta");
    GoldenDataSet.insert(data, acme, beta);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("all-utc", "{}", UTC, AFTER_EVERYTHING),
        arguments("all-kiritimati", "{}", KIRITIMATI, AFTER_EVERYTHING),
        arguments(
            "platforms", "{\"platforms\": [\"youtube\", \"instagram\"]}", UTC, AFTER_EVERYTHING),
        arguments("statuses", "{\"statuses\": [\"draft\"]}", UTC, AFTER_EVERYTHING),
        arguments(
            "campaign-tags",
            "{\"campaign_tags\": [\"Campaign A\", \"Кампания\"]}",
            UTC,
            AFTER_EVERYTHING),
        arguments(
            "channel-usernames",
            "{\"channel_usernames\": [\"@creator\", \"@shop_official\"]}",
            UTC,
            AFTER_EVERYTHING),
        arguments(
            "published-from-kiritimati",
            "{\"published_from\": \"2024-03-10\"}",
            KIRITIMATI,
            AFTER_EVERYTHING),
        arguments(
            "published-from-los-angeles",
            "{\"published_from\": \"2024-03-10\"}",
            LOS_ANGELES,
            AFTER_EVERYTHING),
        arguments(
            "published-to-kiritimati",
            "{\"published_to\": \"2024-03-10\"}",
            KIRITIMATI,
            AFTER_EVERYTHING),
        arguments(
            "published-to-los-angeles",
            "{\"published_to\": \"2024-03-10\"}",
            LOS_ANGELES,
            AFTER_EVERYTHING),
        arguments(
            "published-day-kiritimati",
            "{\"published_from\": \"2024-03-10\", \"published_to\": \"2024-03-10\"}",
            KIRITIMATI,
            AFTER_EVERYTHING),
        arguments(
            "published-day-los-angeles",
            "{\"published_from\": \"2024-03-10\", \"published_to\": \"2024-03-10\"}",
            LOS_ANGELES,
            AFTER_EVERYTHING),
        // 00:30 on 2024-03-12 in Kiritimati: the window is the 24 hours before
        arguments(
            "within-days-kiritimati",
            "{\"published_within_days\": 1}",
            KIRITIMATI,
            Instant.parse("2024-03-11T10:30:00Z")),
        // 09:00 PDT on 2024-03-12: three days back is 09:00 PST, 71 hours, across the DST change
        arguments(
            "within-days-los-angeles",
            "{\"published_within_days\": 3}",
            LOS_ANGELES,
            Instant.parse("2024-03-12T16:00:00Z")),
        arguments("search-percent", "{\"search\": \"50%\"}", UTC, AFTER_EVERYTHING),
        arguments("search-underscore", "{\"search\": \"A_B\"}", UTC, AFTER_EVERYTHING),
        arguments("search-cyrillic", "{\"search\": \"ПРИВЕТ, МИР\"}", UTC, AFTER_EVERYTHING),
        arguments("min-views", "{\"min_views\": 1000}", UTC, AFTER_EVERYTHING),
        arguments(
            "combined",
            "{\"platforms\": [\"tiktok\", \"youtube\"], \"statuses\": [\"active\"],"
                + " \"campaign_tags\": [\"Campaign A\", \"Campaign B\", \"-minus\"],"
                + " \"channel_usernames\": [\"@creator\", \"@other.channel\"],"
                + " \"published_from\": \"2024-03-01\", \"published_to\": \"2024-03-11\","
                + " \"search\": \"I\", \"min_views\": 0}",
            UTC,
            AFTER_EVERYTHING),
        arguments("no-match", "{\"platforms\": [\"vimeo\"]}", UTC, AFTER_EVERYTHING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportMatchesItsGoldenFile(String name, String filters, ZoneId zone, Instant asOf)
      throws IOException {
    ReportFile file = export(filters, zone, asOf);

    String actual = Files.readString(file.path(), StandardCharsets.UTF_8);
    assertThat(file.rows()).isEqualTo(actual.split("\r\n", -1).length - 2);
    if (Boolean.getBoolean("golden.update")) {
      Path target = Path.of("src/test/resources", GOLDEN, name + ".csv");
      Files.createDirectories(target.getParent());
      Files.writeString(target, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).isEqualTo(golden(name));
  }

  @Test
  void anotherOrganizationsVideosNeverAppear() throws IOException {
    String csv = Files.readString(export("{}", UTC, AFTER_EVERYTHING).path());

    assertThat(csv).contains("Say \"\"hi\"\"").doesNotContain("Beta");
  }

  private ReportFile export(String filters, ZoneId zone, Instant asOf) {
    UUID link = data.sharedLink(acme).slug("Golden Report").filters(filters).insert();
    ReportDefinition definition =
        new ReportDefinition(
            UUID.randomUUID(), acme, new VideosReport(data.dsl(), link), zone, Set.of());
    return new CsvExporter(workDir, false)
        .export(new ReportRequest(definition, UUID.randomUUID(), asOf));
  }

  static String golden(String name) throws IOException {
    try (InputStream in =
        ReportGoldenFilesTest.class.getClassLoader().getResourceAsStream(GOLDEN + name + ".csv")) {
      assertThat(in)
          .as("golden file %s.csv (create it with -Dgolden.update=true)", name)
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
