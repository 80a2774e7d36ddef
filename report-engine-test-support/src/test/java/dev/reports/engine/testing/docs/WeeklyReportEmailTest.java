package dev.reports.engine.testing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.testing.FakeLoopsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The first sample of docs/testing.md, as it is there. */
class WeeklyReportEmailTest {
  @RegisterExtension static FakeLoopsServer loops = FakeLoopsServer.start();

  @Test
  void theReportIsEmailedAsAnAttachment(@TempDir Path dir) throws Exception {
    DeliveryChannel email =
        DeliveryChannels.loops(
            LoopsSettings.of(loops.apiKey(), loops.transactionalId()).withBaseUrl(loops.baseUrl()));
    Path csv = Files.writeString(dir.resolve("orders.csv"), "order_no,total\nA-1,12.50\n");
    ReportFile file =
        new ReportFile(
            csv,
            "orders-2026-03-09.csv",
            new ReportDescription("Weekly orders", "orders"),
            LocalDate.of(2026, 3, 9),
            1,
            Files.size(csv),
            "not checked by Loops");
    UUID runId = UUID.randomUUID();

    email.send(
        new Delivery(
            runId,
            UUID.randomUUID(),
            Recipient.email(UUID.randomUUID(), "ops@shop.test"),
            file,
            "report-" + runId));

    assertThat(loops.deliveredTo("ops@shop.test"))
        .singleElement()
        .satisfies(
            sent -> {
              assertThat(sent.attachments())
                  .singleElement()
                  .extracting(a -> a.filename())
                  .isEqualTo("orders-2026-03-09.csv");
              assertThat(sent.idempotencyKey()).isNotBlank();
            });
  }
}
