package dev.reports.engine.delivery.internal;

import static dev.reports.engine.delivery.internal.DeliveryFixtures.definition;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.fastRetries;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.engine.testing.FakeTelegramServer.Reply;
import dev.reports.engine.testing.LogCapture;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TelegramDeliveryTest {
  @TempDir Path dir;

  final FakeTelegramServer telegram = new FakeTelegramServer();
  final FakeDeliveryLog log = new FakeDeliveryLog();
  final FakeRecipientResolver resolver = new FakeRecipientResolver();
  final Recipient alice = Recipient.telegram(5551234L);
  final Recipient team = Recipient.telegram(-4567L);
  final ReportDefinition definition = definition(Channel.TELEGRAM);
  final Run run = run(definition);
  LogCapture logs;
  ReportFile file;

  @BeforeEach
  void setUp() {
    logs = LogCapture.start();
    file = TestReportFiles.csv(dir, 7);
  }

  @AfterEach
  void tearDown() {
    logs.close();
    telegram.close();
    assertThat(logs.text())
        .doesNotContain(telegram.token())
        .doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    log.all().forEach(row -> assertThat(row.payload().toString()).doesNotContain(telegram.token()));
  }

  TelegramSettings settings() {
    return TelegramSettings.of(telegram.token())
        .withBaseUrl(telegram.baseUrl())
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400))
        .withRateLimits(
            DeliveryFixtures.UNLIMITED, DeliveryFixtures.UNLIMITED, DeliveryFixtures.UNLIMITED);
  }

  DeliveryOutcome deliver(TelegramSettings settings) {
    return new DeliveryRunner(
            List.of(DeliveryChannels.telegram(settings, resolver)),
            resolver,
            log,
            new SimpleMeterRegistry(),
            fastRetries())
        .deliver(definition, run, file);
  }

  @Test
  void aDeliveryWhoseFenceRefusesAtTheLastCheckNeverReachesTelegram() {
    RunFencedException refused = RunFencedException.takenOver(run);
    TelegramChannel channel = new TelegramChannel(settings());

    assertThatThrownBy(
            () ->
                channel.send(
                    new Delivery(
                        run.id(),
                        definition.scheduleId(),
                        alice,
                        file,
                        "key",
                        () -> {
                          throw refused;
                        })))
        .isSameAs(refused);
    assertThat(telegram.requests()).isEmpty();
  }

  @Test
  void theDocumentIsUploadedAsMultipartWithChatCaptionAndTheExactFile() throws IOException {
    resolver.add(alice);

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    FakeTelegramServer.Upload upload = telegram.delivered().get(0);
    assertThat(upload.path()).isEqualTo("/bot" + telegram.token() + "/sendDocument");
    assertThat(upload.parts()).containsOnlyKeys("chat_id", "caption");
    assertThat(upload.chatId()).isEqualTo("5551234");
    assertThat(upload.caption()).isEqualTo("Weekly TikTok\n7 rows · all time, as of 2026-03-08");
    assertThat(upload.fileName()).isEqualTo("weekly-tiktok-2026-03-08.csv");
    assertThat(upload.contentType()).isEqualTo("text/csv");
    assertThat(upload.content()).isEqualTo(Files.readAllBytes(file.path()));
    assertThat(row(alice).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(row(alice).payload())
        .containsEntry("provider", "telegram")
        .containsEntry("provider_message_id", "101")
        .containsEntry("chat_id", 5551234L)
        .containsEntry("attempts", 1)
        .containsKey("telegram_file_id");
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterThenSends() {
    resolver.add(alice);
    telegram.failNext(Reply.tooManyRequests(1));

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.sent()).isEqualTo(1);
    List<FakeTelegramServer.Upload> requests = telegram.requests();
    assertThat(requests).hasSize(2);
    assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(990));
    assertThat(logs.text()).contains("Telegram answered 429: Too Many Requests: retry after 1");
  }

  @Test
  void aServerErrorIsRetriedThenSent() {
    resolver.add(alice);
    telegram.failNext(Reply.serverError());

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(telegram.delivered()).hasSize(1);
    assertThat(row(alice).payload()).containsEntry("attempts", 2);
  }

  @Test
  void aReadTimeoutIsRetriedThenSent() {
    resolver.add(alice);
    telegram.failNext(Reply.noResponse());

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(row(alice).payload()).containsEntry("attempts", 2);
    assertThat(logs.text()).contains("(timeout: Telegram did not answer (SocketTimeoutException");
  }

  @Test
  void aBlockedBotFailsAtOnceAndTheOtherChatsStillGetTheirs() {
    resolver.add(alice).add(team);
    telegram.blockedChat(chat(alice));

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1));
    assertThat(telegram.requests()).hasSize(2);
    assertThat(row(alice).payload())
        .containsEntry("error_code", "403")
        .containsEntry("error", "Telegram answered 403: Forbidden: bot was blocked by the user")
        .containsEntry("permanent", true)
        .containsEntry("attempts", 1);
    assertThat(telegram.deliveredTo(chat(team))).hasSize(1);
  }

  @Test
  void anUnknownChatFailsAtOnce() {
    resolver.add(alice);
    telegram.unknownChat(chat(alice));

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row(alice).payload())
        .containsEntry("error", "Telegram answered 400: Bad Request: chat not found")
        .containsEntry("attempts", 1);
  }

  @Test
  void aGroupThatBecameASupergroupGetsTheReportAtItsNewIdAndTheMoveIsRecorded() {
    long supergroup = -1001234567890L;
    resolver.add(team);
    telegram.migrateChat(chat(team), supergroup);

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(telegram.deliveredTo(supergroup)).hasSize(1);
    assertThat(resolver.migrations()).containsEntry(chat(team), supergroup);
    assertThat(row(team).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(row(team).payload())
        .containsEntry("migrated_to_chat_id", supergroup)
        .containsEntry("chat_id", supergroup)
        .containsEntry("to", chat(team));
  }

  @Test
  void aMigratedGroupAlsoListedUnderItsNewIdGetsTheReportOnlyOnce() {
    long supergroup = -1009876L;
    resolver.add(Recipient.telegram(supergroup)).add(team);
    telegram.migrateChat(chat(team), supergroup);

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome).isEqualTo(new DeliveryOutcome(2, 0));
    assertThat(telegram.deliveredTo(supergroup)).hasSize(1);
    assertThat(row(team).payload())
        .containsEntry("migrated_to_chat_id", supergroup)
        .hasEntrySatisfying("note", n -> assertThat((String) n).contains("already received"));
  }

  @Test
  void anHtml413IsAFailureWithAReadableReason() {
    resolver.add(alice);
    telegram.maxUploadBytes(100);

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row(alice).payload())
        .containsEntry("error_code", "413")
        .containsEntry("attempts", 1)
        .hasEntrySatisfying(
            "error",
            e ->
                assertThat((String) e)
                    .isEqualTo(
                        "Telegram answered 413 with a non-JSON body: 413 Request Entity Too Large"
                            + " 413 Request Entity Too Large nginx/1.18.0"));
  }

  @Test
  void aFileOverTheUploadLimitIsSentGzipCompressed() throws IOException {
    resolver.add(alice);
    file = TestReportFiles.csv(dir, 3000);

    DeliveryOutcome outcome = deliver(settings().withMaxUploadBytes(file.bytes() / 3));

    assertThat(outcome.sent()).isEqualTo(1);
    FakeTelegramServer.Upload upload = telegram.delivered().get(0);
    assertThat(upload.fileName()).isEqualTo("weekly-tiktok-2026-03-08.csv.gz");
    assertThat(upload.contentType()).isEqualTo("application/gzip");
    assertThat(upload.caption())
        .endsWith("3000 rows · all time, as of 2026-03-08 · gzip-compressed");
    assertThat(new GZIPInputStream(new ByteArrayInputStream(upload.content())).readAllBytes())
        .isEqualTo(Files.readAllBytes(file.path()));
  }

  @Test
  void aFileTooLargeEvenCompressedFailsAndNothingIsSent() {
    resolver.add(alice);
    file = TestReportFiles.incompressible(dir, 100_000);

    DeliveryOutcome outcome = deliver(settings().withMaxUploadBytes(20_000));

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(telegram.requests()).isEmpty();
    assertThat((String) row(alice).payload().get("error"))
        .contains("over Telegram's limit of 20000 bytes");
  }

  @Test
  void theCaptionNamesTheScheduleTheRowsThePeriodTheZoneAndTheLink() {
    resolver.add(alice);
    file = LoopsDeliveryTest.explained(TestReportFiles.csv(dir, 7));

    deliver(settings());

    assertThat(telegram.delivered().get(0).caption())
        .isEqualTo(
            "Creators digest\n"
                + "7 rows · 2026-03-02 – 2026-03-08 · Europe/Berlin\n"
                + "https://app.example.com/s/weekly-tiktok");
  }

  @Test
  void aLongNameIsCutToFitTheCaptionButTheLinkNeverIs() {
    resolver.add(alice);
    ReportFile base = LoopsDeliveryTest.explained(TestReportFiles.csv(dir, 1));
    file =
        new ReportFile(
            base.path(),
            base.fileName(),
            base.description(),
            base.runDate(),
            base.rows(),
            base.bytes(),
            base.sha256(),
            "x" + "📈".repeat(600), // 1,201 UTF-16 code units
            base.zone());

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.sent()).isEqualTo(1);
    String caption = telegram.delivered().get(0).caption();
    assertThat(caption.length()).isLessThanOrEqualTo(1024).isGreaterThanOrEqualTo(1023);
    assertThat(caption)
        .endsWith(
            "…\n1 row · 2026-03-02 – 2026-03-08 · Europe/Berlin\n"
                + "https://app.example.com/s/weekly-tiktok");
    // never half an emoji before the ellipsis
    String name = caption.substring(0, caption.indexOf('…'));
    assertThat(Character.isHighSurrogate(name.charAt(name.length() - 1))).isFalse();
  }

  @Test
  void theCaptionNeverExceeds1024Characters() {
    resolver.add(alice);
    String longName = "📈 Отчёт ".repeat(200);
    file =
        TestReportFiles.write(
            dir, longName, "long", LocalDate.of(2026, 3, 8), "title\n\"x\"\n".getBytes(), 1);

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.sent()).isEqualTo(1);
    String caption = telegram.delivered().get(0).caption();
    // Telegram counts UTF-16 code units: each 📈 counts two
    assertThat(caption.length()).isBetween(1023, 1024);
    assertThat(caption).endsWith("…\n1 row · all time, as of 2026-03-08");
  }

  @Test
  void aWrongTokenFailsAtOnceAndTheTokenIsNeverShown() {
    resolver.add(alice);
    String wrong = "7713398155:AAWrongWrongWrongWrongWrongWrongWro";
    TelegramSettings wrongToken =
        TelegramSettings.of(wrong)
            .withBaseUrl(telegram.baseUrl())
            .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400))
            .withRateLimits(
                DeliveryFixtures.UNLIMITED, DeliveryFixtures.UNLIMITED, DeliveryFixtures.UNLIMITED);

    DeliveryOutcome outcome = deliver(wrongToken);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row(alice).payload())
        .containsEntry("error", "Telegram answered 401: Unauthorized")
        .containsEntry("attempts", 1);
    assertThat(telegram.requests()).isEmpty();
    assertThat(logs.text()).doesNotContain(wrong);
    assertThat(wrongToken.toString()).doesNotContain(wrong);
  }

  @Test
  void anUnreachableApiIsRetriedAndNeitherLogsNorRowsShowTheToken() throws IOException {
    resolver.add(alice);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    DeliveryOutcome outcome = deliver(settings().withBaseUrl("http://127.0.0.1:" + closedPort));

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row(alice).payload())
        .containsEntry("error_code", "connect_failed")
        .containsEntry("attempts", 5);
  }

  @Test
  void secretsInAnErrorDescriptionAreRedacted() {
    resolver.add(alice);
    // a proxy echoing the request URL back in its error, token included
    telegram.failNext(
        new Reply(
            502,
            "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway for /bot"
                + telegram.token()
                + "/sendDocument\"}",
            "application/json",
            false),
        new Reply(
            400, "<html>bad /bot" + telegram.token() + "/sendDocument</html>", "text/html", false));

    DeliveryOutcome outcome = deliver(settings());

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row(alice).payload().get("error").toString())
        .contains("/bot<redacted>/sendDocument")
        .doesNotContain(telegram.token());
  }

  @Test
  void sendsToOneChatAndToOneGroupAreHeldToTheirLimits() {
    TelegramSettings paced =
        settings()
            .withRateLimits(
                DeliveryFixtures.UNLIMITED,
                RateLimit.of(1, Duration.ofMillis(150)),
                RateLimit.of(2, Duration.ofMillis(400)));
    resolver.add(alice).add(team);
    for (int i = 0; i < 3; i++) {
      new DeliveryRunner(
              List.of(DeliveryChannels.telegram(paced)),
              resolver,
              new FakeDeliveryLog(),
              new SimpleMeterRegistry(),
              fastRetries())
          .deliver(definition, run(definition), file);
    }

    List<FakeTelegramServer.Upload> toAlice = telegram.deliveredTo(chat(alice));
    List<FakeTelegramServer.Upload> toTeam = telegram.deliveredTo(chat(team));
    assertThat(toAlice).hasSize(3);
    assertThat(toTeam).hasSize(3);
    for (int i = 1; i < 3; i++) {
      assertThat(Duration.between(toAlice.get(i - 1).receivedAt(), toAlice.get(i).receivedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
    // two sends may share a 400 ms window, never three
    assertThat(Duration.between(toTeam.get(0).receivedAt(), toTeam.get(2).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void theCaptionNamesTheReportDateAndRows() {
    ReportFile one =
        new ReportFile(
            file.path(),
            "x.csv",
            new ReportDescription("Daily", "daily"),
            LocalDate.of(2026, 1, 2),
            1,
            10,
            null);
    Attachment plain = new Attachment(file.path(), "x.csv", Attachment.CSV, 10, false);
    assertThat(TelegramChannel.caption(one, plain))
        .isEqualTo("Daily\n1 row · all time, as of 2026-01-02");
  }

  private DeliveryRecord row(Recipient recipient) {
    return log.forRun(run.id()).stream()
        .filter(r -> recipient.key().equals(r.key()))
        .findFirst()
        .orElseThrow();
  }

  private static long chat(Recipient recipient) {
    return Long.parseLong(recipient.address());
  }
}
