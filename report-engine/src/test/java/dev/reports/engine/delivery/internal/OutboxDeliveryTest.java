package dev.reports.engine.delivery.internal;

import static dev.reports.engine.delivery.internal.DeliveryFixtures.definition;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.fastRetries;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.recovered;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Run;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxDeliveryTest {
  @TempDir Path work;
  @TempDir Path outbox;

  final FakeDeliveryLog log = new FakeDeliveryLog();
  final FakeRecipientResolver resolver = new FakeRecipientResolver();
  final Recipient ann = Recipient.email(UUID.randomUUID(), "ann@example.com");
  final Recipient chat = Recipient.telegram(-100777L);

  DeliveryRunner runner() {
    return new DeliveryRunner(
        DeliveryChannels.outboxes(outbox), resolver, log, new SimpleMeterRegistry(), fastRetries());
  }

  @Test
  void eachDeliveryIsWrittenAsTheCsvAndAnEnvelopeAndLoggedSentByTheOutbox() throws IOException {
    resolver.add(ann).add(chat);
    ReportFile file = TestReportFiles.csv(work, 4);
    ReportDefinition definition = definition(Channel.EMAIL, Channel.TELEGRAM);
    Run run = run(definition);

    DeliveryOutcome outcome = runner().deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 0));
    Path annFolder =
        outbox
            .resolve(run.id().toString())
            .resolve("email-user_" + ann.key().substring("user:".length()));
    assertThat(annFolder.resolve("weekly-tiktok-2026-03-08.csv"))
        .hasSameBinaryContentAs(file.path());
    JsonNode envelope = new ObjectMapper().readTree(annFolder.resolve("delivery.json").toFile());
    assertThat(envelope.path("email").asText()).isEqualTo("ann@example.com");
    assertThat(envelope.path("channel").asText()).isEqualTo("email");
    assertThat(envelope.path("rows").asLong()).isEqualTo(4);
    assertThat(envelope.path("sha256").asText()).isEqualTo(file.sha256());
    assertThat(envelope.path("idempotency_key").asText()).contains(run.id().toString());
    assertThat(envelope.path("message").path("rowCount").asLong()).isEqualTo(4);
    assertThat(envelope.path("message").path("period").asText()).isEqualTo("all time");
    assertThat(envelope.path("caption").asText())
        .isEqualTo(file.title() + "\n4 rows · all time, as of " + file.runDate());
    Path chatFolder = outbox.resolve(run.id().toString()).resolve("telegram-chat_-100777");
    assertThat(
            new ObjectMapper()
                .readTree(chatFolder.resolve("delivery.json").toFile())
                .path("telegram_chat_id")
                .asLong())
        .isEqualTo(-100777L);
    assertThat(log.forRun(run.id()))
        .allSatisfy(
            row -> {
              assertThat(row.status()).isEqualTo(DeliveryStatus.SENT);
              assertThat(row.payload()).containsEntry("provider", "outbox");
            });
    DeliveryRecord annRow =
        log.forRun(run.id()).stream()
            .filter(r -> ann.key().equals(r.key()))
            .findFirst()
            .orElseThrow();
    assertThat(annRow.payload().get("provider_message_id"))
        .isEqualTo(run.id() + "/email-user_" + ann.key().substring("user:".length()));
  }

  @Test
  void aResentDeliveryReplacesItsFilesInsteadOfAddingMore() throws IOException {
    resolver.add(ann);
    ReportFile file = TestReportFiles.csv(work, 2);
    ReportDefinition definition = definition(Channel.EMAIL);
    Run run = run(definition);
    new OutboxChannel(Channel.EMAIL, outbox)
        .send(new dev.reports.engine.delivery.Delivery(run.id(), run.scheduleId(), ann, file, "k"));

    runner().deliver(definition, recovered(run), file);

    try (Stream<Path> files = Files.walk(outbox)) {
      assertThat(files.filter(Files::isRegularFile)).hasSize(2);
    }
  }
}
