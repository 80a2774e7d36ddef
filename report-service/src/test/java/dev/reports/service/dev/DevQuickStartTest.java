package dev.reports.service.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.Application;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer does after {@code dev} starts: run the printed {@code curl} lines exactly as
 * printed, and see the demo schedule's CSV appear in the outbox within a minute.
 */
class DevQuickStartTest {
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void printedCurlLinesWorkAsPrinted_andTheDemoScheduleDeliversWithinAMinute() throws Exception {
    ServiceConfig config =
        ServiceConfig.load(
            Mode.DEV,
            Map.of("REPORTS_DATA_DIR", dir.resolve("data").toString(), "REPORTS_HTTP_PORT", "0"));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (Application app =
        Application.start(config, new PrintStream(console, true, StandardCharsets.UTF_8))) {
      List<String> lines = printedCommands(console.toString(StandardCharsets.UTF_8));
      String export = lines.get(0);
      assertThat(export).startsWith("export TOKEN=");
      List<String> curls = lines.subList(1, lines.size());
      assertThat(curls).hasSize(4);

      assertThat(json.readTree(shell(export, curls.get(0))).get("status").asText())
          .isEqualTo("ready");
      JsonNode list = json.readTree(shell(export, curls.get(1)));
      assertThat(list.get("items").findValuesAsText("id"))
          .contains(DemoData.DEMO_SCHEDULE_ID.toString());
      JsonNode created = json.readTree(shell(export, curls.get(2)));
      assertThat(created.get("cron_expression").asText()).isEqualTo("0 9 * * *");
      assertThat(created.get("next_run_at").asText()).endsWith("Z");

      // the demo schedule fires at the next minute boundary and lands in the outbox
      Path outbox = config.outboxDir();
      Awaitility.await()
          .atMost(Duration.ofSeconds(80))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> csvFiles(outbox) >= 2);
      JsonNode deliveries = json.readTree(shell(export, curls.get(3)));
      assertThat(deliveries.get("items").findValuesAsText("status")).contains("sent");
      assertThat(deliveries.get("items").findValuesAsText("channel")).contains("email", "telegram");
    }
  }

  /** The {@code export} line and each {@code curl} command, continuation lines joined. */
  private static List<String> printedCommands(String printed) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = null;
    for (String raw : printed.split("\n")) {
      String line = raw.strip();
      if (current != null) {
        current.append(' ').append(line.endsWith("\\") ? strip(line) : line);
        if (!line.endsWith("\\")) {
          commands.add(current.toString());
          current = null;
        }
      } else if (line.startsWith("export TOKEN=")) {
        commands.add(line);
      } else if (line.startsWith("curl ")) {
        if (line.endsWith("\\")) {
          current = new StringBuilder(strip(line));
        } else {
          commands.add(line);
        }
      }
    }
    return commands;
  }

  private static String strip(String continued) {
    return continued.substring(0, continued.length() - 1).strip();
  }

  private static String shell(String export, String command) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", export + "\n" + command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(command).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static long csvFiles(Path outbox) throws Exception {
    if (!Files.isDirectory(outbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(outbox)) {
      return files.filter(f -> f.toString().endsWith(".csv")).count();
    }
  }
}
