package dev.reports.engine.report;

import java.time.LocalDate;

/**
 * The dates a report's rows were selected from, in the schedule's time zone, both inclusive; an
 * open end is {@code null}, and both open is "all time".
 *
 * @param from the first date, or {@code null}
 * @param to the last date, or {@code null}
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
  /** No date restriction. */
  public static final ReportPeriod ALL_TIME = new ReportPeriod(null, null);

  /** Whether no date restricts the report. */
  public boolean isAllTime() {
    return from == null && to == null;
  }

  /**
   * The period for people: {@code 2026-03-02 – 2026-03-08}, {@code 2026-03-08} for one day, {@code
   * from 2026-03-02}, {@code until 2026-03-08}, or {@code all time}.
   */
  public String text() {
    if (isAllTime()) {
      return "all time";
    }
    if (to == null) {
      return "from " + from;
    }
    if (from == null) {
      return "until " + to;
    }
    return from.equals(to) ? from.toString() : from + " – " + to;
  }
}
