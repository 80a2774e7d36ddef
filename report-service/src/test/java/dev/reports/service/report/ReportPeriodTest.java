package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.report.ReportPeriod;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The period a message names is the dates the shared link's filters selected. */
class ReportPeriodTest {
  private static final LocalDate RUN = LocalDate.of(2026, 3, 8);

  private static ReportPeriod period(String filters) throws Exception {
    return VideosReport.period(FiltersParser.parse(filters), RUN);
  }

  @Test
  void sevenDaysAreTheSevenDatesEndingOnTheRunsDate() throws Exception {
    ReportPeriod p = period("{\"published_within_days\": 7}");

    assertThat(p).isEqualTo(new ReportPeriod(LocalDate.of(2026, 3, 2), RUN));
    assertThat(p.text()).isEqualTo("2026-03-02 – 2026-03-08");
  }

  @Test
  void oneDayIsTheRunsDateAlone() throws Exception {
    assertThat(period("{\"published_within_days\": 1}").text()).isEqualTo("2026-03-08");
  }

  @Test
  void fromAndToAreThoseDatesAndOpenEndsSaySo() throws Exception {
    assertThat(period("{\"published_from\": \"2024-01-01\", \"published_to\": \"2024-12-31\"}"))
        .isEqualTo(new ReportPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
    assertThat(period("{\"published_from\": \"2024-01-01\"}").text()).isEqualTo("from 2024-01-01");
    assertThat(period("{\"published_to\": \"2024-12-31\"}").text()).isEqualTo("until 2024-12-31");
  }

  @Test
  void bothNarrowEachOther() throws Exception {
    assertThat(period("{\"published_within_days\": 30, \"published_from\": \"2026-03-05\"}"))
        .isEqualTo(new ReportPeriod(LocalDate.of(2026, 3, 5), RUN));
  }

  @Test
  void noDateFilterIsAllTime() throws Exception {
    assertThat(period("{\"platforms\": [\"tiktok\"]}").text()).isEqualTo("all time");
  }
}
