package dev.reports.examples.shop;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.schedule.Schedule;
import dev.reports.engine.schedule.ScheduleSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A shop that mails its weekly orders CSV and posts it to a webhook, with the report engine
 * embedded: {@code java -jar shop-orders.jar jdbc:postgresql://127.0.0.1:5432/shop?user=postgres}.
 *
 * <p>It creates its orders table, applies the engine's migrations, schedules the report every
 * Monday at 08:00 in Berlin, runs it once now, and prints the delivery log. Email goes to an outbox
 * folder (set {@code LOOPS_API_KEY} and {@code LOOPS_TRANSACTIONAL_ID} for real email); the webhook
 * goes to a receiver this example starts (or {@code SHOP_WEBHOOK_URL}).
 */
public final class ShopReports {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private ShopReports() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: shop-orders <postgresql JDBC URL>");
      System.exit(2);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(args[0]);
    Path outbox = Files.createDirectories(Path.of("shop-outbox"));
    try (HookReceiver receiver = new HookReceiver()) {
      String hook = System.getenv().getOrDefault("SHOP_WEBHOOK_URL", receiver.url());
      run(dataSource, outbox, hook, System.out);
      System.out.println("webhook received " + receiver.received().size() + " file(s)");
    }
  }

  /** Runs the example on this database; returns the id of the report's run. */
  static UUID run(DataSource dataSource, Path outbox, String hook, PrintStream out)
      throws Exception {
    Shop shop = new Shop(dataSource);
    shop.prepare(Instant.now());

    // --- the engine wiring: everything the shop writes to embed the engine ---
    ReportEngine.migrate(dataSource);
    WeeklyOrdersReport weeklyOrders = new WeeklyOrdersReport(shop, BERLIN);
    Set<Channel> channels = Set.of(Channel.EMAIL, WebhookChannel.WEBHOOK);
    ReportEngine engine =
        ReportEngine.builder(dataSource)
            .reportDefinitions(
                id -> Optional.of(new ReportDefinition(id, null, weeklyOrders, BERLIN, channels)))
            .recipients(
                definition ->
                    new ResolvedRecipients(
                        List.of(
                            Recipient.of(Channel.EMAIL, "ops@shop.example"),
                            Recipient.of(WebhookChannel.WEBHOOK, hook)),
                        List.of()))
            .channel(email(outbox))
            .channel(new WebhookChannel())
            .build();
    engine.start();
    UUID scheduleId = UUID.fromString("00000000-0000-4000-8000-000000000001");
    engine.schedule(
        new Schedule(
            scheduleId, ScheduleSpec.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0), BERLIN), true));
    // --- end of the wiring ---

    out.println("weekly orders, next runs: " + engine.upcoming(scheduleId, 3));
    UUID runId = engine.runNow(scheduleId);
    out.println("run " + runId + " started");
    try {
      DeliveryLogTable log = new DeliveryLogTable(dataSource);
      log.awaitFinished(runId, Duration.ofSeconds(60));
      log.print(runId, out);
    } finally {
      engine.stop(Duration.ofSeconds(10));
    }
    return runId;
  }

  /** Loops when the shop has credentials, else the outbox folder. */
  private static dev.reports.engine.delivery.DeliveryChannel email(Path outbox) {
    String key = System.getenv("LOOPS_API_KEY");
    String template = System.getenv("LOOPS_TRANSACTIONAL_ID");
    if (key != null && template != null) {
      return DeliveryChannels.loops(dev.reports.engine.delivery.LoopsSettings.of(key, template));
    }
    return DeliveryChannels.outbox(Channel.EMAIL, outbox);
  }
}
