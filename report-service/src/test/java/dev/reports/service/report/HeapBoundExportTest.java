package dev.reports.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.test.PostgresDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report far larger than the heap goes through: 300,000 rows (about 80 MB of CSV) exported by a
 * child JVM limited to 64 MB of heap. Holding the rows, or the file, in memory would kill it.
 */
class HeapBoundExportTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final int ROWS = 300_000;
  private static final String HEAP = "-Xmx64m";

  @TempDir Path workDir;

  @Test
  void aReportLargerThanTheHeapStreamsThroughInAChildJvmWith64Mb() throws Exception {
    HostData data = new HostData(db.dataSource());
    UUID organization = data.organization("Big");
    UUID link = data.sharedLink(organization).insert();
    BulkVideos.seed(data.dsl(), organization, ROWS);

    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP,
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ExportInSmallHeap.class.getName(),
                    db.url(),
                    db.user(),
                    organization.toString(),
                    link.toString(),
                    workDir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("child.log").toFile())
            .start();
    String output = outputOf(child, workDir.resolve("child.log"), 120);

    assertThat(child.exitValue()).as(output).isZero();
    Matcher figures =
        Pattern.compile("rows=(\\d+) bytes=(\\d+) max_heap=(\\d+) peak_heap=(\\d+)")
            .matcher(output);
    assertThat(figures.find()).as(output).isTrue();
    long rows = Long.parseLong(figures.group(1));
    long bytes = Long.parseLong(figures.group(2));
    long maxHeap = Long.parseLong(figures.group(3));
    assertThat(rows).isEqualTo(ROWS);
    assertThat(maxHeap).isLessThanOrEqualTo(64L << 20);
    assertThat(bytes).as("the CSV is larger than the whole heap").isGreaterThan(maxHeap);
  }

  private static String outputOf(Process child, Path log, int timeoutSeconds)
      throws IOException, InterruptedException {
    if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      throw new AssertionError("the child JVM did not finish in " + timeoutSeconds + " s");
    }
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
