package dev.reports.service.dev;

import dev.reports.service.config.DeliveryMode;
import dev.reports.service.config.ServiceConfig;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What {@code dev} prints once it serves: where things are, a token for the demo user and {@code
 * curl} lines to try. The token is meant to be seen here; it never goes to the log.
 */
public final class DevWelcome {
  private DevWelcome() {}

  private static String describe(DeliveryMode mode, String provider, ServiceConfig config) {
    return switch (mode) {
      case PROVIDER -> provider;
      case OUTBOX -> "outbox " + config.outboxDir();
      case OFF -> "off";
    };
  }

  public static void print(PrintStream out, ServiceConfig config, int port, Instant now) {
    String base = "http://localhost:" + port;
    String token = DemoToken.mint(config.jwtSecret(), DemoData.USER_ID, now);
    Instant expires = now.plus(DemoToken.VALIDITY).truncatedTo(ChronoUnit.SECONDS);
    String email = describe(config.channels().email(), "Loops", config);
    String telegram = describe(config.channels().telegram(), "Telegram Bot API", config);
    String body =
        "{\"shared_link_id\": \""
            + DemoData.RECENT_LINK_ID
            + "\", \"cadence\": \"daily\", \"scheduled_time\": \"09:00\","
            + " \"timezone\": \"Europe/Moscow\", \"send_email\": true, \"send_telegram\": true}";
    out.println();
    out.println("Scheduled Reports is running in dev mode on " + base);
    out.println("  database  " + config.database().location());
    out.println(
        "  demo      organization "
            + DemoData.ORGANIZATION_ID
            + ", user "
            + DemoData.USER_EMAIL
            + ", "
            + DemoData.VIDEO_COUNT
            + " videos");
    out.println(
        "  links     " + DemoData.RECENT_LINK_ID + " (TikTok & Instagram, active, 30 days)");
    out.println(
        "            " + DemoData.CAMPAIGN_LINK_ID + " (Campaign A on YouTube, 1,000+ views)");
    out.println(
        "  schedule  "
            + DemoData.DEMO_SCHEDULE_ID
            + " reports the first link every minute ("
            + DemoData.DEMO_SCHEDULE_CRON
            + ")");
    out.println("  email     " + email);
    out.println("  telegram  " + telegram);
    out.println();
    out.println("A token for " + DemoData.USER_EMAIL + ", valid until " + expires + ":");
    out.println();
    out.println("  export TOKEN='" + token + "'");
    out.println("  curl -s " + base + "/health/ready");
    out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/v1/report-schedules");
    out.println(
        "  curl -s -X POST -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
    out.println("       -d '" + body + "' \\");
    out.println("       " + base + "/v1/report-schedules");
    out.println(
        "  curl -s -H \"Authorization: Bearer $TOKEN\" "
            + base
            + "/v1/report-schedules/"
            + DemoData.DEMO_SCHEDULE_ID
            + "/notifications");
    out.println();
    out.println("Stop with Ctrl+C.");
    out.flush();
  }
}
