package dev.reports.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.RateLimiters;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RunFailure;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in channel sends a failure alert as its provider expects one: text, no file. */
class AlertChannelsTest {
  static final String ALERT_TEMPLATE = "cm3reportsalert0001";
  final FakeLoopsServer loops = new FakeLoopsServer().withTemplate(ALERT_TEMPLATE);
  final FakeTelegramServer telegram = new FakeTelegramServer();
  final UUID runId = UUID.randomUUID();
  @TempDir Path outbox;

  @AfterEach
  void close() {
    loops.close();
    telegram.close();
  }

  private Alert alertTo(Recipient recipient, boolean paused) {
    return new Alert(
        runId,
        UUID.randomUUID(),
        recipient,
        new RunFailure(
            "Weekly digest",
            "report: unknown filter key \"colour\"",
            "/v1/report-runs/" + runId,
            paused ? 5 : 2,
            paused),
        "alert-" + runId + "-" + recipient.key());
  }

  private LoopsChannel loops(String alertTemplate) {
    return new LoopsChannel(
        LoopsSettings.of(loops.apiKey(), loops.transactionalId()).withBaseUrl(loops.baseUrl()),
        alertTemplate,
        RateLimiters.inMemory());
  }

  @Test
  void loopsSendsTheAlertTemplateWithoutAttachmentAndWithAlertVariables() throws Exception {
    Alert alert = alertTo(Recipient.email(UUID.randomUUID(), "owner@example.com"), true);

    DeliveryReceipt receipt = loops(ALERT_TEMPLATE).sendAlert(alert);

    assertThat(receipt.provider()).isEqualTo("loops");
    FakeLoopsServer.Email email = loops.delivered().get(0);
    assertThat(email.email()).isEqualTo("owner@example.com");
    assertThat(email.transactionalId()).isEqualTo(ALERT_TEMPLATE);
    assertThat(email.idempotencyKey()).isEqualTo(alert.idempotencyKey());
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(email.rawBody());
    assertThat(body.has("attachments")).isFalse();
    assertThat(email.dataVariables())
        .containsEntry("isAlert", true)
        .containsEntry("reportName", "Weekly digest")
        .containsEntry("alertReason", "report: unknown filter key \"colour\"")
        .containsEntry("runId", runId.toString())
        .containsEntry("runUrl", "/v1/report-runs/" + runId)
        .containsEntry("failuresInRow", 5)
        .containsEntry("autoPaused", true);
  }

  @Test
  void loopsUsesTheReportsTemplateWhenNoAlertTemplateIsSetAndTreatsAReusedKeyAsSent() {
    LoopsChannel channel = loops(null);
    Alert alert = alertTo(Recipient.email(UUID.randomUUID(), "owner@example.com"), false);

    channel.sendAlert(alert);
    DeliveryReceipt again = channel.sendAlert(alert);

    assertThat(loops.delivered()).hasSize(1);
    assertThat(loops.delivered().get(0).transactionalId()).isEqualTo(loops.transactionalId());
    assertThat(again.details()).containsEntry("already_delivered", true);
  }

  @Test
  void loopsRefusingTheAlertIsADeliveryFailure() {
    loops.failNext(FakeLoopsServer.Reply.serverError());
    Alert alert = alertTo(Recipient.email(UUID.randomUUID(), "owner@example.com"), false);

    assertThatThrownBy(() -> loops(ALERT_TEMPLATE).sendAlert(alert))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("Loops answered 500");
  }

  @Test
  void telegramSendsAPlainMessageWithTheReasonAndTheRunsLink() {
    TelegramChannel channel =
        new TelegramChannel(
            TelegramSettings.of(telegram.token()).withBaseUrl(telegram.baseUrl()),
            RateLimiters.inMemory());
    long chat = -1001234567890L;

    DeliveryReceipt receipt = channel.sendAlert(alertTo(Recipient.telegram(chat), true));

    assertThat(receipt.providerMessageId()).isNotBlank();
    assertThat(telegram.messagesTo(chat)).hasSize(1);
    assertThat(telegram.messagesTo(chat).get(0).text())
        .contains("Weekly digest")
        .contains("unknown filter key \"colour\"")
        .contains("/v1/report-runs/" + runId)
        .contains("paused");
    assertThat(telegram.delivered()).as("no document").isEmpty();
  }

  @Test
  void telegramRefusingTheAlertIsAPermanentFailureForABlockedChat() {
    TelegramChannel channel =
        new TelegramChannel(
            TelegramSettings.of(telegram.token()).withBaseUrl(telegram.baseUrl()),
            RateLimiters.inMemory());
    telegram.blockedChat(42L);

    assertThatThrownBy(() -> channel.sendAlert(alertTo(Recipient.telegram(42L), false)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("403");
  }

  @Test
  void theOutboxWritesTheAlertBesideTheReports() throws Exception {
    OutboxChannel channel = new OutboxChannel(Channel.EMAIL, outbox);
    Alert alert = alertTo(Recipient.email(UUID.randomUUID(), "owner@example.com"), false);

    channel.sendAlert(alert);

    try (var files = Files.walk(outbox)) {
      Path envelope =
          files.filter(p -> p.getFileName().toString().equals("delivery.json")).findFirst().get();
      assertThat(envelope.getParent().getFileName().toString()).startsWith("alert-email-");
      assertThat(Files.readString(envelope))
          .contains("\"kind\" : \"alert\"")
          .contains("unknown filter key");
    }
  }
}
