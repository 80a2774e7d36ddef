package dev.reports.engine.delivery.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The custom channel sample in docs/delivery.md is this package's compiled WebhookChannel. */
class WebhookSampleTest {
  @Test
  void theDocumentedSampleIsTheCompiledAndTestedChannel() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "delivery.md"));
    String source =
        Files.readString(
            Path.of("src/test/java/dev/reports/engine/delivery/custom/WebhookChannel.java"));
    String classBody = source.substring(source.indexOf("public final class WebhookChannel"));
    int start = docs.indexOf("```java\npublic final class WebhookChannel");
    assertThat(start).as("docs/delivery.md shows the sample").isNotNegative();
    String sample = docs.substring(start + "```java\n".length(), docs.indexOf("```\n", start + 8));

    assertThat(sample).isEqualTo(classBody);
  }
}
