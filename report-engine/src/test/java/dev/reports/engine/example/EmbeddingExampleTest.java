package dev.reports.engine.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunStatus;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddingExampleTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @Test
  void theExampleHostSchedulesAndRunsAReport() {
    EmbeddingExample.Host host = EmbeddingExample.Host.inMemory();
    try (ReportEngine engine = EmbeddingExample.start(db.dataSource(), host)) {
      UUID runId = EmbeddingExample.scheduleAndRunNow(engine, host);

      FakeRunLog runLog = (FakeRunLog) host.runLog();
      await().atMost(Duration.ofSeconds(20)).until(() -> runLog.result(runId).isPresent());
      assertThat(runLog.claims())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.id()).isEqualTo(runId);
                assertThat(r.kind()).isEqualTo(RunKind.MANUAL);
              });
      assertThat(runLog.result(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runLog.result(runId).orElseThrow().nextRunAt()).isPresent();
      assertThat(host.email().sent())
          .singleElement()
          .satisfies(
              sent ->
                  assertThat(sent.delivery().recipient().address()).isEqualTo("ops@example.com"));
    }
  }
}
