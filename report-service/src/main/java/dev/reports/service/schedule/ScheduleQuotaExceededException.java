package dev.reports.service.schedule;

/** A create refused because the organization already holds as many schedules as it may. */
public final class ScheduleQuotaExceededException extends RuntimeException {
  private final int limit;

  ScheduleQuotaExceededException(int limit) {
    super(
        "the organization already holds "
            + limit
            + " schedules, the most it may; delete one before creating another");
    this.limit = limit;
  }

  /** How many schedules an organization may hold. */
  public int limit() {
    return limit;
  }
}
