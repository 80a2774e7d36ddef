package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dev mode's H2 (PostgreSQL mode) produces the very same reports: the golden data set, every filter
 * case, the same golden files byte for byte.
 */
class ReportGoldenFilesOnH2Test {
  @TempDir static Path dir;

  private static Database h2;
  private static HostData data;
  private static UUID acme;

  @TempDir Path workDir;

  @BeforeAll
  static void fixedDataSet() {
    h2 = Database.open(DatabaseSettings.h2(dir.resolve("reports")));
    data = new HostData(h2.dsl());
    acme = data.organization("Acme");
    UUID beta = data.organization("Beta");
    GoldenDataSet.insert(data, acme, beta);
  }

  @AfterAll
  static void close() {
    h2.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.reports.service.report.ReportGoldenFilesTest#cases")
  void reportMatchesThePostgresqlGoldenFile(String name, String filters, ZoneId zone, Instant asOf)
      throws IOException {
    UUID link = data.sharedLink(acme).slug("Golden Report").filters(filters).insert();
    ReportFile file =
        new CsvExporter(workDir, false)
            .export(
                new ReportRequest(
                    new ReportDefinition(
                        UUID.randomUUID(), acme, new VideosReport(h2.dsl(), link), zone, Set.of()),
                    UUID.randomUUID(),
                    asOf));

    assertThat(Files.readString(file.path(), StandardCharsets.UTF_8))
        .isEqualTo(ReportGoldenFilesTest.golden(name));
  }
}
