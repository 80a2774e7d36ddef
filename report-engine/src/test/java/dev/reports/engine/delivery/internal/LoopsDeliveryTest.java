package dev.reports.engine.delivery.internal;

import static dev.reports.engine.delivery.internal.DeliveryFixtures.definition;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.fastRetries;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.recovered;
import static dev.reports.engine.delivery.internal.DeliveryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportPeriod;
import dev.reports.engine.run.Run;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeLoopsServer.Reply;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FaultyDeliveryLog;
import dev.reports.engine.testing.LogCapture;
import dev.reports.engine.testing.TestReportFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LoopsDeliveryTest {
  @TempDir Path dir;

  final FakeLoopsServer loops = new FakeLoopsServer();
  final FakeDeliveryLog log = new FakeDeliveryLog();
  final FakeRecipientResolver resolver = new FakeRecipientResolver();
  final Recipient ann = Recipient.email(UUID.randomUUID(), "ann@example.com");
  final ReportDefinition definition = definition(Channel.EMAIL);
  final Run run = run(definition);
  LogCapture logs;
  ReportFile file;

  @BeforeEach
  void setUp() {
    logs = LogCapture.start();
    file = TestReportFiles.csv(dir, 5);
    resolver.add(ann);
  }

  @AfterEach
  void tearDown() {
    logs.close();
    loops.close();
    assertThat(logs.text()).doesNotContain(loops.apiKey());
    log.all().forEach(row -> assertThat(row.payload().toString()).doesNotContain(loops.apiKey()));
  }

  LoopsSettings settings() {
    return LoopsSettings.of(loops.apiKey(), loops.transactionalId())
        .withBaseUrl(loops.baseUrl())
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400))
        .withRateLimit(DeliveryFixtures.UNLIMITED);
  }

  DeliveryOutcome deliver(LoopsSettings settings, Run run) {
    return deliver(settings, run, log);
  }

  DeliveryOutcome deliver(LoopsSettings settings, Run run, DeliveryLog log) {
    DeliveryChannel channel = DeliveryChannels.loops(settings);
    return new DeliveryRunner(
            List.of(channel), resolver, log, new SimpleMeterRegistry(), fastRetries())
        .deliver(definition, run, file);
  }

  @Test
  void theEmailVariablesNameTheScheduleTheRowsThePeriodTheZoneAndTheLink() {
    file = explained(file);

    deliver(settings(), run);

    assertThat(loops.delivered().get(0).dataVariables())
        .containsEntry("reportName", "Creators digest")
        .containsEntry("sharedLinkName", "Weekly TikTok")
        .containsEntry("sharedLink", "weekly-tiktok")
        .containsEntry("sharedLinkUrl", "https://app.example.com/s/weekly-tiktok")
        .containsEntry("rowCount", 5)
        .containsEntry("period", "2026-03-02 – 2026-03-08")
        .containsEntry("periodFrom", "2026-03-02")
        .containsEntry("periodTo", "2026-03-08")
        .containsEntry("timezone", "Europe/Berlin")
        .containsEntry("runDate", "2026-03-08");
  }

  @Test
  void everyVariableIsSentEvenWhenUnknownSoATemplateNeverMissesOne() {
    deliver(settings(), run);

    assertThat(loops.delivered().get(0).dataVariables())
        .containsEntry("reportName", "Weekly TikTok")
        .containsEntry("sharedLinkUrl", "")
        .containsEntry("period", "all time")
        .containsEntry("periodFrom", "")
        .containsEntry("periodTo", "")
        .containsKeys("timezone", "fileName", "fileSize", "fileSizeBytes", "compressed");
  }

  /** {@code file} as a named schedule's report of the seven days to its run date, linked. */
  static ReportFile explained(ReportFile file) {
    return new ReportFile(
        file.path(),
        file.fileName(),
        new ReportDescription(
            file.description().name(),
            file.description().slug(),
            new ReportPeriod(file.runDate().minusDays(6), file.runDate()),
            "https://app.example.com/s/weekly-tiktok"),
        file.runDate(),
        file.rows(),
        file.bytes(),
        file.sha256(),
        "Creators digest",
        java.time.ZoneId.of("Europe/Berlin"));
  }

  @Test
  void theEmailCarriesTheKeyTheTemplateTheVariablesAndTheExactCsvAsBase64() throws IOException {
    DeliveryOutcome outcome =
        deliver(settings().withSharedLinkUrlTemplate("https://app.example.com/s/{slug}"), run);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    FakeLoopsServer.Email email = loops.delivered().get(0);
    assertThat(email.headers())
        .containsEntry("authorization", "Bearer " + loops.apiKey())
        .containsEntry("content-type", "application/json; charset=utf-8")
        .containsEntry("content-length", String.valueOf(email.rawBody().length()))
        .doesNotContainKey("transfer-encoding");
    assertThat(email.idempotencyKey())
        .isEqualTo("report-" + run.id() + "-" + ann.key())
        .hasSizeLessThanOrEqualTo(100);
    assertThat(email.transactionalId()).isEqualTo(loops.transactionalId());
    assertThat(email.email()).isEqualTo("ann@example.com");
    assertThat(email.dataVariables())
        .containsEntry("reportName", "Weekly TikTok")
        .containsEntry("sharedLink", "weekly-tiktok")
        .containsEntry("sharedLinkUrl", "https://app.example.com/s/weekly-tiktok")
        .containsEntry("runDate", "2026-03-08")
        .containsEntry("rowCount", 5)
        .containsEntry("fileName", "weekly-tiktok-2026-03-08.csv")
        .containsEntry("fileSizeBytes", (int) file.bytes())
        .containsKey("fileSize");
    assertThat(email.attachments()).hasSize(1);
    FakeLoopsServer.Attachment attachment = email.attachments().get(0);
    assertThat(attachment.filename()).isEqualTo("weekly-tiktok-2026-03-08.csv");
    assertThat(attachment.contentType()).isEqualTo("text/csv");
    assertThat(attachment.data()).isEqualTo(Files.readAllBytes(file.path()));
    assertThat(row().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(row().payload())
        .containsEntry("provider", "loops")
        .containsEntry("idempotency_key", email.idempotencyKey())
        .containsEntry("compressed", false)
        .containsEntry("attempts", 1);
  }

  @Test
  void aServerErrorIsRetriedUnderTheSameIdempotencyKeyAndSentOnce() {
    loops.failNext(Reply.serverError());

    DeliveryOutcome outcome = deliver(settings(), run);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(loops.requests()).hasSize(2);
    assertThat(loops.requests().get(0).idempotencyKey())
        .isEqualTo(loops.requests().get(1).idempotencyKey());
    assertThat(loops.delivered()).hasSize(1);
    assertThat(row().payload()).containsEntry("attempts", 2);
    assertThat(logs.text()).contains("Loops answered 500: Internal server error.");
  }

  @Test
  void tooManyRequestsWaitsAsLongAsLoopsAsks() {
    loops.failNext(Reply.tooManyRequests(1));
    Instant start = Instant.now();

    DeliveryOutcome outcome = deliver(settings(), run);

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(loops.requests().get(1).receivedAt())
        .isAfterOrEqualTo(loops.requests().get(0).receivedAt().plusMillis(990));
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anAnswerLostAfterLoopsAcceptedIsRetriedAnd409MeansItWasAlreadyDelivered() {
    loops.failNext(Reply.acceptThenNoResponse());

    DeliveryOutcome outcome = deliver(settings(), run);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(loops.requests()).hasSize(2);
    assertThat(loops.delivered()).hasSize(1);
    assertThat(row().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(row().payload())
        .containsEntry("already_delivered", true)
        .containsEntry("attempts", 2)
        .hasEntrySatisfying("note", n -> assertThat((String) n).contains("409"));
    assertThat(logs.text()).contains("timeout");
  }

  @Test
  void a409ThatIsNotAboutTheIdempotencyKeyIsAFailedDeliveryWithLoopsReason() {
    loops.failNext(Reply.conflict("Contact already exists with a different userId."));

    DeliveryOutcome outcome = deliver(settings(), run);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(0, 1));
    assertThat(loops.requests()).hasSize(1);
    assertThat(loops.delivered()).isEmpty();
    assertThat(row().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(row().payload())
        .containsEntry("error_code", "409")
        .containsEntry("permanent", true)
        .doesNotContainKey("already_delivered")
        .hasEntrySatisfying(
            "error",
            e -> assertThat((String) e).contains("409").contains("Contact already exists"));
  }

  @Test
  void theFakeAnswersAReusedIdempotencyKeyWithLoops409() {
    deliver(settings(), run);
    assertThat(loops.delivered()).hasSize(1);

    // the same run and recipient again, with no record of the first send: Loops sees the same
    // key within 24 h and answers its 409, which is the proof the email already went out
    FakeDeliveryLog forgetful = new FakeDeliveryLog();
    DeliveryOutcome again = deliver(settings(), run, forgetful);

    assertThat(again).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(loops.requests()).hasSize(2);
    assertThat(loops.delivered()).hasSize(1);
    assertThat(forgetful.forRun(run.id()).get(0).payload())
        .containsEntry("already_delivered", true);
    assertThat(LoopsChannel.isIdempotencyConflict("Idempotency key already used.")).isTrue();
    assertThat(LoopsChannel.isIdempotencyConflict("Contact already exists.")).isFalse();
  }

  @Test
  void aCrashBetweenSendingAndRecordingIsRecoveredWithoutASecondEmail() {
    DeliveryLog dyingLog = FaultyDeliveryLog.dyingAfterSend(log);
    assertThatThrownBy(() -> deliver(settings(), run, dyingLog))
        .isInstanceOf(FaultyDeliveryLog.ProcessDeath.class);
    assertThat(loops.delivered()).hasSize(1);
    assertThat(row().status()).isEqualTo(DeliveryStatus.PENDING);

    DeliveryOutcome outcome = deliver(settings(), recovered(run));

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 0));
    assertThat(loops.delivered()).hasSize(1);
    assertThat(loops.requests()).hasSize(2);
    assertThat(loops.requests().get(1).idempotencyKey())
        .isEqualTo(loops.requests().get(0).idempotencyKey());
    assertThat(row().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(row().payload())
        .containsEntry("run_attempt", 2)
        .containsEntry("previous_status", "pending")
        .containsEntry("already_delivered", true);
  }

  @Test
  void aWrongApiKeyFailsAtOnceAndTheKeyIsNeverShown() {
    LoopsSettings wrongKey =
        new LoopsSettings(
            "wrong-" + loops.apiKey(),
            loops.transactionalId(),
            loops.baseUrl(),
            LoopsSettings.DEFAULT_MAX_ATTACHMENT_BYTES,
            DeliveryFixtures.UNLIMITED,
            Duration.ofMillis(500),
            Duration.ofMillis(400),
            null);

    DeliveryOutcome outcome = deliver(wrongKey, run);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(0, 1));
    assertThat(loops.requests()).hasSize(1);
    assertThat(row().payload())
        .containsEntry("error_code", "401")
        .containsEntry("error", "Loops answered 401: Invalid API key")
        .containsEntry("permanent", true);
    assertThat(logs.text()).doesNotContain("wrong-" + loops.apiKey());
    assertThat(wrongKey.toString()).doesNotContain(loops.apiKey());
  }

  @Test
  void aBadAddressFailsAtOnceWithLoopsMessage() {
    FakeRecipientResolver badOnly = new FakeRecipientResolver();
    Recipient bad = Recipient.email(UUID.randomUUID(), "not-an-address");
    badOnly.add(bad).add(ann);

    DeliveryOutcome outcome =
        new DeliveryRunner(
                List.of(DeliveryChannels.loops(settings())),
                badOnly,
                log,
                new SimpleMeterRegistry(),
                fastRetries())
            .deliver(definition, run, file);

    assertThat(outcome).isEqualTo(new DeliveryOutcome(1, 1));
    DeliveryRecord failed =
        log.forRun(run.id()).stream()
            .filter(r -> bad.key().equals(r.key()))
            .findFirst()
            .orElseThrow();
    assertThat(failed.payload())
        .containsEntry("error", "Loops answered 400: Invalid email address.")
        .containsEntry("attempts", 1);
    assertThat(loops.deliveredTo("ann@example.com")).hasSize(1);
  }

  @Test
  void anUnknownTransactionalTemplateFailsAtOnce() {
    LoopsSettings unknown =
        new LoopsSettings(
            loops.apiKey(),
            "no-such-template",
            loops.baseUrl(),
            LoopsSettings.DEFAULT_MAX_ATTACHMENT_BYTES,
            DeliveryFixtures.UNLIMITED,
            Duration.ofMillis(500),
            Duration.ofMillis(400),
            null);

    DeliveryOutcome outcome = deliver(unknown, run);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row().payload())
        .containsEntry("error", "Loops answered 404: Transactional email not found.");
  }

  @Test
  void anHtmlErrorPageIsReportedReadably() {
    loops.failNext(Reply.htmlTooLarge());

    DeliveryOutcome outcome = deliver(settings(), run);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row().payload())
        .containsEntry("error_code", "413")
        .containsEntry(
            "error",
            "Loops answered 413: 413 Request Entity Too Large 413 Request Entity Too Large")
        .containsEntry("attempts", 1);
  }

  @Test
  void aCsvOverTheLimitIsSentGzipCompressed() throws IOException {
    file = TestReportFiles.csv(dir, 2000);

    DeliveryOutcome outcome = deliver(settings().withMaxAttachmentBytes(file.bytes() / 2), run);

    assertThat(outcome.sent()).isEqualTo(1);
    FakeLoopsServer.Attachment attachment = loops.delivered().get(0).attachments().get(0);
    assertThat(attachment.filename()).isEqualTo("weekly-tiktok-2026-03-08.csv.gz");
    assertThat(attachment.contentType()).isEqualTo("application/gzip");
    assertThat(new GZIPInputStream(new ByteArrayInputStream(attachment.data())).readAllBytes())
        .isEqualTo(Files.readAllBytes(file.path()));
    assertThat(row().payload())
        .containsEntry("compressed", true)
        .containsEntry("sent_file_name", "weekly-tiktok-2026-03-08.csv.gz")
        .containsEntry("sent_bytes", (long) attachment.data().length);
    assertThat(loops.delivered().get(0).dataVariables()).containsEntry("compressed", "yes");
    try (var files = Files.list(dir)) {
      assertThat(files).allSatisfy(p -> assertThat(p.toString()).doesNotEndWith(".gz"));
    }
  }

  @Test
  void aCsvTooLargeEvenCompressedFailsWithAClearReasonAndSendsNothing() {
    file = TestReportFiles.incompressible(dir, 200_000);

    DeliveryOutcome outcome = deliver(settings().withMaxAttachmentBytes(50_000), run);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(loops.requests()).isEmpty();
    assertThat(row().payload())
        .containsEntry("error_code", "file_too_large")
        .containsEntry("permanent", true)
        .hasEntrySatisfying(
            "error",
            e ->
                assertThat((String) e)
                    .startsWith("the report is " + file.bytes() + " bytes (")
                    .endsWith("gzip-compressed), over Loops's limit of 50000 bytes"));
  }

  @Test
  void requestsAreHeldToTheRateLimitAsLoopsCountsThem() {
    FakeRecipientResolver many = new FakeRecipientResolver();
    for (int i = 0; i < 6; i++) {
      many.add(Recipient.email(UUID.randomUUID(), "user" + i + "@example.com"));
    }
    LoopsSettings twoPer200Millis =
        new LoopsSettings(
            "pacing-key",
            loops.transactionalId(),
            loops.baseUrl(),
            LoopsSettings.DEFAULT_MAX_ATTACHMENT_BYTES,
            RateLimit.of(2, Duration.ofMillis(200)),
            Duration.ofMillis(500),
            Duration.ofMillis(400),
            null);
    try (FakeLoopsServer paced = new FakeLoopsServer("pacing-key", loops.transactionalId())) {
      new DeliveryRunner(
              List.of(DeliveryChannels.loops(twoPer200Millis.withBaseUrl(paced.baseUrl()))),
              many,
              log,
              new SimpleMeterRegistry(),
              fastRetries())
          .deliver(definition, run, file);

      List<FakeLoopsServer.Email> sent = paced.delivered();
      assertThat(sent).hasSize(6);
      for (int i = 2; i < sent.size(); i++) {
        // never three arrivals within 200 ms
        assertThat(Duration.between(sent.get(i - 2).receivedAt(), sent.get(i).receivedAt()))
            .isGreaterThanOrEqualTo(Duration.ofMillis(200));
      }
    }
  }

  @Test
  void anUnreachableLoopsIsRetriedThenFailedWithoutLeakingTheKey() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    DeliveryOutcome outcome =
        deliver(settings().withBaseUrl("http://127.0.0.1:" + closedPort), run);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(row().payload())
        .containsEntry("error_code", "connect_failed")
        .containsEntry("attempts", 5)
        .containsEntry("permanent", false);
  }

  private DeliveryRecord row() {
    return log.forRun(run.id()).stream()
        .filter(r -> ann.key().equals(r.key()))
        .findFirst()
        .orElseThrow();
  }
}
