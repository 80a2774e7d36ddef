package dev.reports.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "weekly-tiktok|weekly-tiktok",
        "Weekly TikTok|weekly-tiktok",
        "Q1 2024: Campaign A / B|q1-2024-campaign-a-b",
        "Café Crème|cafe-creme",
        "--already--dashed--|already-dashed",
        "a__b..c|a-b-c",
        "ﬁle①|file1",
        "Отчёт за неделю|report",
        "'   '|report",
        "''|report",
        "!!!|report",
        "Отчёт 2024|2024"
      })
  void slugIsReducedToLowerCaseLettersDigitsAndDashes(String raw, String expected) {
    assertThat(FileNames.slug(raw)).isEqualTo(expected).matches("[a-z0-9]+(-[a-z0-9]+)*");
  }

  @Test
  void nullSlugFallsBack() {
    assertThat(FileNames.slug(null)).isEqualTo("report");
  }

  @Test
  void longSlugsAreCutWithoutATrailingDash() {
    String slug = FileNames.slug("a".repeat(79) + " tail");
    assertThat(slug).isEqualTo("a".repeat(79));
    assertThat(FileNames.slug("b".repeat(200))).hasSize(FileNames.MAX_SLUG_LENGTH);
  }

  @Test
  void fileNameIsSlugAndIsoDate() {
    assertThat(FileNames.of("Weekly TikTok", LocalDate.of(2024, 3, 5)))
        .isEqualTo("weekly-tiktok-2024-03-05.csv");
  }
}
