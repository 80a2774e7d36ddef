package dev.reports.engine.schedule;

/** How often a cadence schedule runs. */
public enum Cadence {
  DAILY,
  WEEKLY,
  MONTHLY
}
