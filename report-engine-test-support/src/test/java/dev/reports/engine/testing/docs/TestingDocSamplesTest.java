package dev.reports.engine.testing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java sample in docs/testing.md is code of this module's tests, so it compiles and runs (the
 * build runs from the module's directory).
 */
class TestingDocSamplesTest {
  private static final Path DOC = Path.of("../docs/testing.md");
  private static final Path TESTS = Path.of("src/test/java");

  @Test
  void everyJavaSampleIsCompiledTestCode() throws IOException {
    List<String> samples = new ArrayList<>();
    Matcher java =
        Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (java.find()) {
      samples.add(java.group(1));
    }
    String tests;
    try (Stream<Path> files = Files.walk(TESTS)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(file)).append('\n');
      }
      tests = flat(all.toString());
    }

    assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
    for (String sample : samples) {
      assertThat(tests).as("docs/testing.md sample:%n%s", sample).contains(flat(sample));
    }
  }

  private static String flat(String code) {
    return code.replaceAll("\\s+", " ").trim();
  }
}
