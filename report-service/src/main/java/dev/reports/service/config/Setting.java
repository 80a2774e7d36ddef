package dev.reports.service.config;

/** Every environment variable the service reads; README.md's Configuration table lists them. */
public enum Setting {
  DB_URL("REPORTS_DB_URL", false),
  DB_USER("REPORTS_DB_USER", false),
  DB_PASSWORD("REPORTS_DB_PASSWORD", true),
  HTTP_PORT("REPORTS_HTTP_PORT", false),
  HTTP_HOST("REPORTS_HTTP_HOST", false),
  NODE_ID("REPORTS_NODE_ID", false),
  JWT_SECRET("REPORTS_JWT_SECRET", true),
  LOOPS_API_KEY("REPORTS_LOOPS_API_KEY", true),
  LOOPS_TRANSACTIONAL_ID("REPORTS_LOOPS_TRANSACTIONAL_ID", false),
  LOOPS_BASE_URL("REPORTS_LOOPS_BASE_URL", false),
  LOOPS_ALERT_TRANSACTIONAL_ID("REPORTS_LOOPS_ALERT_TRANSACTIONAL_ID", false),
  TELEGRAM_BOT_TOKEN("REPORTS_TELEGRAM_BOT_TOKEN", true),
  TELEGRAM_BASE_URL("REPORTS_TELEGRAM_BASE_URL", false),
  EMAIL_DELIVERY("REPORTS_EMAIL_DELIVERY", false),
  TELEGRAM_DELIVERY("REPORTS_TELEGRAM_DELIVERY", false),
  SHARED_LINK_URL("REPORTS_SHARED_LINK_URL", false),
  MAX_SCHEDULES_PER_ORG("REPORTS_MAX_SCHEDULES_PER_ORG", false),
  AUTO_PAUSE_AFTER("REPORTS_AUTO_PAUSE_AFTER", false),
  OUTBOX_DIR("REPORTS_OUTBOX_DIR", false),
  DATA_DIR("REPORTS_DATA_DIR", false),
  MISSED_RUN_GRACE("REPORTS_MISSED_RUN_GRACE", false),
  RUN_LEASE("REPORTS_RUN_LEASE", false);

  private final String env;
  private final boolean secret;

  Setting(String env, boolean secret) {
    this.env = env;
    this.secret = secret;
  }

  /** The environment variable's name, e.g. {@code REPORTS_DB_URL}. */
  public String env() {
    return env;
  }

  /** Whether the value must never be shown: not in logs, errors or responses. */
  public boolean secret() {
    return secret;
  }

  @Override
  public String toString() {
    return env;
  }
}
