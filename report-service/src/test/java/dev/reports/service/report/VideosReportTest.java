package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.test.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VideosReportTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
  private static final Instant AS_OF = Instant.parse("2024-06-01T06:00:00Z");

  private static HostData data;
  private static UUID acme;
  private static UUID beta;

  @TempDir Path workDir;

  @BeforeAll
  static void data() {
    data = new HostData(db.dataSource());
    acme = data.organization("Acme");
    beta = data.organization("Beta");
    data.video(acme).title("Cats on TikTok").platform("tiktok").insert();
    data.video(acme).title("Dogs on YouTube").platform("youtube").insert();
    data.video(acme).title("C:\\path\\to\\video").insert();
    data.video(acme).title("Robert'); drop table videos; --").insert();
  }

  @Test
  void anUnknownFilterKeyFailsTheRunPermanentlyNamingItAndLeavesNoFile() throws IOException {
    UUID link =
        data.sharedLink(acme)
            .filters("{\"platforms\": [\"tiktok\"], \"colour\": \"red\"}")
            .insert();

    assertThatThrownBy(() -> export(acme, link))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e).hasMessageContaining("unknown filter key \"colour\"");
              assertThat(e).hasMessageContaining(link.toString());
            });
    assertThat(filesIn(workDir)).isEmpty();
  }

  @Test
  void aMalformedFilterValueFailsTheRunPermanentlyNamingKeyAndValue() {
    UUID link = data.sharedLink(acme).filters("{\"published_within_days\": \"seven\"}").insert();

    assertThatThrownBy(() -> export(acme, link))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e)
                  .hasMessageContaining(
                      "filter \"published_within_days\" must be a whole number of days from 1 to"
                          + " 36500, got \"seven\"");
            });
  }

  @Test
  void aSharedLinkOfAnotherOrganizationIsAPermanentFailure() {
    UUID betasLink = data.sharedLink(beta).insert();

    assertThatThrownBy(() -> export(acme, betasLink))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e).hasMessageContaining("does not belong to organization " + acme);
            });
  }

  @Test
  void aMissingSharedLinkIsAPermanentFailure() {
    UUID missing = UUID.randomUUID();

    assertThatThrownBy(() -> export(acme, missing))
        .isInstanceOfSatisfying(
            ReportException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e).hasMessageContaining(missing + " no longer exists");
            });
  }

  @Test
  void theFiltersAndNameAreReadAfreshAtEveryRun() {
    UUID link =
        data.sharedLink(acme)
            .slug("pets")
            .name("Pets")
            .filters("{\"platforms\": [\"tiktok\"]}")
            .insert();
    List<String> first = titles(acme, link);

    data.filters(link, "{\"platforms\": [\"youtube\"]}");
    List<String> second = titles(acme, link);

    assertThat(first).contains("Cats on TikTok").doesNotContain("Dogs on YouTube");
    assertThat(second).containsExactly("Dogs on YouTube");
  }

  @Test
  void theDescriptionIsTheSharedLinksNameAndSlug() {
    UUID link = data.sharedLink(acme).slug("Weekly Pets!").name("Weekly pets").insert();

    ReportFile file = export(acme, link);

    assertThat(file.description()).isEqualTo(new ReportDescription("Weekly pets", "Weekly Pets!"));
    assertThat(file.fileName()).isEqualTo("weekly-pets-2024-06-01.csv");
  }

  @Test
  void searchTextIsMatchedLiterallyAsABindValue() {
    UUID backslash = data.sharedLink(acme).filters("{\"search\": \"\\\\path\\\\\"}").insert();
    UUID injection =
        data.sharedLink(acme).filters("{\"search\": \"'); drop table videos; --\"}").insert();
    UUID wildcardsOnly = data.sharedLink(acme).filters("{\"search\": \"%_%\"}").insert();

    assertThat(titles(acme, backslash)).containsExactly("C:\\path\\to\\video");
    assertThat(titles(acme, injection)).containsExactly("Robert'); drop table videos; --");
    assertThat(titles(acme, wildcardsOnly)).isEmpty();
  }

  @Test
  void anUnreachableDatabaseIsARetryableFailure() {
    String missingDatabase = db.url().replace(db.name(), "no_such_database_" + db.name());
    UUID link = data.sharedLink(acme).insert();
    VideosReport report =
        new VideosReport(
            DSL.using(
                new org.postgresql.ds.PGSimpleDataSource() {
                  {
                    setURL(missingDatabase);
                    setUser(db.user());
                  }
                },
                SQLDialect.POSTGRES),
            link);

    assertThatThrownBy(() -> report.rows(request(acme, report), row -> {}))
        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void aFailingConsumerLeavesTheConnectionAsItFoundIt() throws Exception {
    UUID link = data.sharedLink(acme).insert();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), null)) {
      VideosReport report =
          new VideosReport(DSL.using(connection, SQLDialect.POSTGRES), link, 1, null);

      assertThatThrownBy(
              () ->
                  report.rows(
                      request(acme, report),
                      row -> {
                        throw new IllegalStateException("consumer gave up");
                      }))
          .hasMessage("consumer gave up");

      assertThat(connection.getAutoCommit()).isTrue();
      assertThat(connection.isReadOnly()).isFalse();
      List<Object[]> rows = new ArrayList<>();
      report.rows(request(acme, report), rows::add);
      assertThat(rows).hasSize(4);
    }
  }

  @Test
  void rowsAreReadInsideOneReadOnlyTransaction() throws Exception {
    UUID link = data.sharedLink(acme).insert();
    List<String> seen = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), null)) {
      VideosReport report =
          new VideosReport(DSL.using(connection, SQLDialect.POSTGRES), link, 1, null);

      report.rows(
          request(acme, report),
          row -> {
            // the cursor stays open while the same transaction answers another statement
            try (var statement = connection.createStatement();
                var result =
                    statement.executeQuery(
                        "select current_setting('transaction_read_only'), txid_current_if_assigned() is null")) {
              result.next();
              seen.add(result.getString(1) + "," + result.getBoolean(2));
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          });
    }

    assertThat(seen).hasSize(4).containsOnly("on,true");
  }

  private ReportFile export(UUID organization, UUID link) {
    return new CsvExporter(workDir, false).export(request(organization, link));
  }

  private List<String> titles(UUID organization, UUID link) {
    List<String> titles = new ArrayList<>();
    VideosReport report = new VideosReport(data.dsl(), link);
    report.rows(request(organization, report), row -> titles.add((String) row[0]));
    return titles;
  }

  private static ReportRequest request(UUID organization, UUID link) {
    return request(organization, new VideosReport(data.dsl(), link));
  }

  private static ReportRequest request(UUID organization, VideosReport report) {
    return new ReportRequest(
        new ReportDefinition(UUID.randomUUID(), organization, report, ZONE, Set.of()),
        UUID.randomUUID(),
        AS_OF);
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
