package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.service.report.FiltersParser.InvalidFiltersException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiltersParserTest {
  @Test
  void readsEveryKeyOfTheContract() {
    ReportFilters filters =
        FiltersParser.parse(
            """
            {"platforms": ["tiktok", "instagram", "youtube"], "statuses": ["active"],
             "campaign_tags": ["Campaign A"], "channel_usernames": ["@creator"],
             "published_from": "2024-01-01", "published_to": "2024-12-31",
             "published_within_days": 7, "search": "words in the title", "min_views": 1000}
            """);

    assertThat(filters)
        .isEqualTo(
            new ReportFilters(
                List.of("tiktok", "instagram", "youtube"),
                List.of("active"),
                List.of("Campaign A"),
                List.of("@creator"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31),
                7,
                "words in the title",
                1000L));
  }

  @Test
  void noKeysNullValuesAndEmptyListsConstrainNothing() {
    assertThat(FiltersParser.parse("{}")).isEqualTo(ReportFilters.NONE);
    assertThat(
            FiltersParser.parse(
                "{\"platforms\": null, \"search\": null, \"min_views\": null, \"statuses\": []}"))
        .isEqualTo(ReportFilters.NONE);
  }

  @Test
  void anUnknownKeyIsNamedEvenWhenItsValueIsNull() {
    assertThatThrownBy(() -> FiltersParser.parse("{\"platform\": [\"tiktok\"], \"zzz\": null}"))
        .isInstanceOfSatisfying(
            InvalidFiltersException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "unknown filter key \"platform\"", "unknown filter key \"zzz\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"platforms\": \"tiktok\"}|filter \"platforms\" must be a list of strings, got \"tiktok\"",
        "{\"statuses\": [\"active\", 1]}|filter \"statuses\" must be a list of strings, got [\"active\",1]",
        "{\"campaign_tags\": [null]}|filter \"campaign_tags\" must be a list of strings, got [null]",
        "{\"channel_usernames\": {}}|filter \"channel_usernames\" must be a list of strings, got {}",
        "{\"published_from\": \"2024-02-30\"}|filter \"published_from\" must be a date YYYY-MM-DD, got \"2024-02-30\"",
        "{\"published_from\": \"2024-1-1\"}|filter \"published_from\" must be a date YYYY-MM-DD, got \"2024-1-1\"",
        "{\"published_to\": \"2024-01-01T00:00:00Z\"}|filter \"published_to\" must be a date YYYY-MM-DD, got \"2024-01-01T00:00:00Z\"",
        "{\"published_to\": 20240101}|filter \"published_to\" must be a date YYYY-MM-DD, got 20240101",
        "{\"published_within_days\": 0}|filter \"published_within_days\" must be a whole number of days from 1 to 36500, got 0",
        "{\"published_within_days\": -7}|filter \"published_within_days\" must be a whole number of days from 1 to 36500, got -7",
        "{\"published_within_days\": 1.5}|filter \"published_within_days\" must be a whole number of days from 1 to 36500, got 1.5",
        "{\"published_within_days\": \"7\"}|filter \"published_within_days\" must be a whole number of days from 1 to 36500, got \"7\"",
        "{\"published_within_days\": 36501}|filter \"published_within_days\" must be a whole number of days from 1 to 36500, got 36501",
        "{\"search\": 42}|filter \"search\" must be a string, got 42",
        "{\"min_views\": \"1000\"}|filter \"min_views\" must be a whole number, got \"1000\"",
        "{\"min_views\": 1e3}|filter \"min_views\" must be a whole number, got 1000.0",
        "{\"min_views\": 99999999999999999999}|filter \"min_views\" must be a whole number, got 99999999999999999999",
        "[]|filters must be a JSON object, got []",
        "null|filters must be a JSON object, got null",
        "{\"search\": |filters are not valid JSON"
      })
  void aMalformedValueIsNamedWithItsKey(String json, String message) {
    assertThatThrownBy(() -> FiltersParser.parse(json))
        .isInstanceOf(InvalidFiltersException.class)
        .hasMessage(message);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () -> FiltersParser.parse("{\"min_views\": \"x\", \"colour\": \"red\", \"search\": 1}"))
        .isInstanceOfSatisfying(
            InvalidFiltersException.class, e -> assertThat(e.problems()).hasSize(3));
  }

  @Test
  void longValuesAreShortenedInTheMessage() {
    String longSearch = "x".repeat(500);

    assertThatThrownBy(() -> FiltersParser.parse("{\"published_from\": \"" + longSearch + "\"}"))
        .hasMessageEndingWith("…")
        .message()
        .hasSizeLessThan(200);
  }
}
