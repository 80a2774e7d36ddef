package dev.reports.service.schedule;

/** The API names of a schedule's writable fields; errors and patches name fields by them. */
public final class ScheduleFields {
  public static final String SHARED_LINK_ID = "shared_link_id";
  public static final String CADENCE = "cadence";
  public static final String SCHEDULED_TIME = "scheduled_time";
  public static final String DAY_OF_WEEK = "day_of_week";
  public static final String DAY_OF_MONTH = "day_of_month";
  public static final String CRON_EXPRESSION = "cron_expression";
  public static final String TIMEZONE = "timezone";
  public static final String SEND_EMAIL = "send_email";
  public static final String SEND_TELEGRAM = "send_telegram";
  public static final String ENABLED = "enabled";
  public static final String RECIPIENTS = "recipients";
  public static final String NAME = "name";
  public static final String SKIP_IF_EMPTY = "skip_if_empty";
  public static final String CSV = "csv";

  /**
   * The fields a read schedule adds, which no client sets. A patch may carry them only with the
   * stored values (so that a read schedule can be sent back as it is).
   */
  public static final java.util.List<String> READ_ONLY =
      java.util.List.of(
          "id",
          "organization_id",
          "created_by",
          "next_run_at",
          "last_run_at",
          "last_run_status",
          "disabled_reason",
          "created_at",
          "updated_at");

  private ScheduleFields() {}
}
