package dev.reports.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.ReportEngine;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's documentation stays true to the code: every Java sample compiles against the
 * engine as an embedder sees it, and the docs and javadoc cite only this repository.
 *
 * <p>Samples are every {@code ```java} block of {@code README.md} and {@code docs/**.md}, and every
 * {@code <pre>{@code ...}</pre>} block in the javadoc of {@code report-engine/src/main/java}. Each
 * is compiled on its own, with this test's class path, as follows:
 *
 * <ul>
 *   <li>It sees the engine's exported packages (read from its {@code module-info}), {@code
 *       java.util}, {@code java.time}, {@code java.nio.file}, {@code java.io}, {@code java.net},
 *       {@code java.net.http} (a channel's HTTP client) and {@code javax.sql} as wildcard imports;
 *       an {@code import} line in the sample adds its own. A sample of {@code docs/testing.md} is a
 *       test and sees {@code report-engine-test-support}'s packages, JUnit's and AssertJ's
 *       assertions too.
 *   <li>A sample whose first code line declares a type ({@code class}, {@code record}, {@code
 *       interface}, {@code enum}, optionally modified or annotated) is compiled as member types of
 *       a class; any other sample as the body of a method that may throw any exception.
 *   <li>Variables a sample uses without declaring them are declared in an HTML comment on the line
 *       just above the block (in Markdown, above the fence; in javadoc, above {@code <pre>}):
 *       {@code <!-- sample: DataSource dataSource; UUID id -->}, declarations separated by {@code
 *       ;}.
 *   <li>A line holding only {@code ...} stands for elided code and is left out; in javadoc, {@code
 *       &#64;} is read as {@code @}.
 * </ul>
 *
 * A failure names the file, the line and the compiler's message, for every sample that fails.
 */
class DocumentationTest {
  private static final Path ROOT = repositoryRoot();
  // The testing guide's samples are tests: they see test-support, JUnit and AssertJ as well.
  private static final String TESTING_DOC = "docs/testing.md";
  private static final List<String> TEST_IMPORTS =
      List.of(
          "import dev.reports.engine.testing.*;",
          "import dev.reports.engine.testing.contract.*;",
          "import org.junit.jupiter.api.*;",
          "import org.junit.jupiter.api.extension.*;",
          "import org.junit.jupiter.api.io.*;",
          "import static org.assertj.core.api.Assertions.*;");
  private static final Pattern FENCE_OPEN = Pattern.compile("^\\s*```java\\s*$");
  private static final Pattern FENCE_CLOSE = Pattern.compile("^\\s*```\\s*$");
  private static final Pattern CONTEXT = Pattern.compile("^<!--\\s*sample:(.*)-->$");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(@\\w+(\\(.*\\))?\\s+)*((public|protected|private|abstract|static|final|sealed"
              + "|non-sealed)\\s+)*(class|record|interface|enum|@interface)\\s.*");
  // Where a document outside this repository is cited: the design contract and its folder.
  private static final Pattern OUTSIDE_REFERENCE =
      Pattern.compile("CONTRACT(\\.md|\\s*§)|\\.\\./shared\\b|\\bshared/(CONTRACT|design)");
  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("\\]\\(([^)\\s]+)(\\s+\"[^\"]*\")?\\)");

  @Test
  void everyJavaSampleInTheDocsAndTheEngineJavadocCompiles(@TempDir Path out) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (Path doc : markdownWithSamples()) {
      samples.addAll(markdownSamples(doc));
    }
    for (Path source : javaSources(ROOT.resolve("report-engine/src/main/java"))) {
      samples.addAll(javadocSamples(source));
    }
    assertThat(samples)
        .as("samples found (README.md, docs/, report-engine javadoc)")
        .extracting(s -> s.file)
        .contains(
            "docs/engine.md", "report-engine/src/main/java/dev/reports/engine/ReportEngine.java");

    List<String> errors = compile(samples, out);

    assertThat(errors.stream().sorted().toList())
        .as("samples that do not compile (file:line: error)")
        .isEmpty();
  }

  @Test
  void theDocsAndJavadocCiteOnlyThisRepository() throws IOException {
    List<String> outside = new ArrayList<>();
    List<Path> files = new ArrayList<>(markdownFiles());
    files.addAll(mainJavaSources());
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        Matcher m = OUTSIDE_REFERENCE.matcher(line);
        if (m.find()) {
          outside.add(where(file, i + 1) + ": cites \"" + m.group() + "\": " + line.strip());
        }
        if (file.toString().endsWith(".md")) {
          Matcher link = MARKDOWN_LINK.matcher(line);
          while (link.find()) {
            String target = link.group(1);
            String problem = linkProblem(file, target);
            if (problem != null) {
              outside.add(where(file, i + 1) + ": link " + target + " " + problem);
            }
          }
        }
      }
    }
    assertThat(files).as("files checked").isNotEmpty();
    assertThat(outside).as("references to documents outside this repository").isEmpty();
  }

  /** Null when a Markdown link's target is a web address, an anchor or a file of the repository. */
  private static String linkProblem(Path from, String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")
        || lower.startsWith("https://")
        || lower.startsWith("mailto:")
        || target.startsWith("#")) {
      return null;
    }
    String path = target.replaceAll("#.*$", "");
    Path resolved = from.getParent().resolve(path).normalize();
    if (!resolved.startsWith(ROOT)) {
      return "leaves the repository";
    }
    return Files.exists(resolved) ? null : "names no file of the repository";
  }

  private List<String> compile(List<Sample> samples, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler").isNotNull();
    List<String> imports = defaultImports();
    List<String> testImports = new ArrayList<>(imports);
    testImports.addAll(TEST_IMPORTS);
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample sample = samples.get(i);
      units.add(
          new Unit("Sample" + i, sample, sample.file.equals(TESTING_DOC) ? testImports : imports));
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-proc:none",
              "-Xlint:none",
              "-d",
              out.toString(),
              "-classpath",
              System.getProperty(
                  "surefire.test.class.path", System.getProperty("java.class.path")));
      javac.getTask(null, files, diagnostics, options, null, units).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      if (d.getSource() instanceof Unit unit) {
        errors.add(unit.describe(d));
      } else {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  /**
   * The engine's exported packages, as an embedder's module or class path sees them, and the JDK's.
   */
  private static List<String> defaultImports() throws IOException {
    List<String> packages = new ArrayList<>();
    for (String jdk :
        List.of(
            "java.io",
            "java.net",
            "java.net.http",
            "java.nio.file",
            "java.time",
            "java.util",
            "javax.sql")) {
      packages.add(jdk);
    }
    Path engine;
    try {
      engine =
          Path.of(ReportEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    ModuleDescriptor module;
    if (Files.isDirectory(engine)) {
      try (InputStream in = Files.newInputStream(engine.resolve("module-info.class"))) {
        module = ModuleDescriptor.read(in);
      }
    } else {
      try (FileSystem jar =
              FileSystems.newFileSystem(URI.create("jar:" + engine.toUri()), Map.of());
          InputStream in = Files.newInputStream(jar.getPath("module-info.class"))) {
        module = ModuleDescriptor.read(in);
      }
    }
    module.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .sorted()
        .forEach(packages::add);
    return packages.stream().map(p -> "import " + p + ".*;").toList();
  }

  private static List<Sample> markdownSamples(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!FENCE_OPEN.matcher(lines.get(i)).matches()) {
        continue;
      }
      String context = contextAbove(lines, i);
      List<String> code = new ArrayList<>();
      int first = i + 2;
      i++;
      while (i < lines.size() && !FENCE_CLOSE.matcher(lines.get(i)).matches()) {
        code.add(lines.get(i));
        i++;
      }
      samples.add(new Sample(relative(doc), first, context, code));
    }
    return samples;
  }

  private static List<Sample> javadocSamples(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = javadocText(lines.get(i));
      if (!line.strip().startsWith("<pre>{@code")) {
        continue;
      }
      List<String> above = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        above.add(javadocText(lines.get(j)));
      }
      String context = contextAbove(above, i);
      List<String> code = new ArrayList<>();
      int first = i + 2;
      i++;
      while (i < lines.size() && !javadocText(lines.get(i)).strip().equals("}</pre>")) {
        code.add(javadocText(lines.get(i)).replace("&#64;", "@"));
        i++;
      }
      samples.add(new Sample(relative(source), first, context, code));
    }
    return samples;
  }

  /** A javadoc line without its leading {@code *}. */
  private static String javadocText(String line) {
    return line.replaceFirst("^\\s*\\*( |$)", "").replaceFirst("^\\s*/\\*\\*", "");
  }

  /**
   * The declarations of the {@code <!-- sample: ... -->} comment that ends on the line just above
   * line {@code index} (it may span lines, as javadoc formatting wraps it); empty when there is
   * none.
   */
  private static String contextAbove(List<String> lines, int index) {
    int end = index - 1;
    while (end >= 0 && lines.get(end).isBlank()) {
      end--;
    }
    if (end < 0 || !lines.get(end).strip().endsWith("-->")) {
      return "";
    }
    StringBuilder comment = new StringBuilder();
    for (int j = end; j >= 0 && !lines.get(j).isBlank(); j--) {
      comment.insert(0, lines.get(j).strip() + " ");
      if (lines.get(j).contains("<!--")) {
        Matcher m = CONTEXT.matcher(comment.substring(comment.lastIndexOf("<!--")).strip());
        return m.matches() ? m.group(1).strip() : "";
      }
    }
    return "";
  }

  private static List<Path> markdownWithSamples() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    docs.addAll(tree(ROOT.resolve("docs"), ".md"));
    return docs;
  }

  /** Every Markdown file of the repository but build output. */
  private static List<Path> markdownFiles() throws IOException {
    return tree(ROOT, ".md");
  }

  /** The main Java sources of every module (their javadoc and comments). */
  private static List<Path> mainJavaSources() throws IOException {
    return tree(ROOT, ".java").stream()
        .filter(p -> relative(p).contains("src/main/java/"))
        .toList();
  }

  private static List<Path> javaSources(Path dir) throws IOException {
    return tree(dir, ".java");
  }

  private static List<Path> tree(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> Files.isRegularFile(p))
          .filter(p -> !excluded(p))
          .sorted()
          .toList();
    }
  }

  private static boolean excluded(Path p) {
    for (Path part : ROOT.relativize(p)) {
      String name = part.toString();
      if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String where(Path file, int line) {
    return relative(file) + ":" + line;
  }

  private static String relative(Path p) {
    return ROOT.relativize(p).toString().replace('\\', '/');
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("report-engine"))
          && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  /** A sample's code as written, where it was found, and the variables it says it needs. */
  private record Sample(String file, int firstLine, String context, List<String> code) {}

  /** A sample wrapped in a class: its code keeps its own lines, so errors map back to them. */
  private static final class Unit extends SimpleJavaFileObject {
    private final Sample sample;
    private final String text;
    private final int bodyStart;

    Unit(String className, Sample sample, List<String> defaultImports) {
      super(URI.create("string:///" + className + ".java"), Kind.SOURCE);
      this.sample = sample;
      StringBuilder header = new StringBuilder();
      List<String> body = new ArrayList<>();
      boolean members = false;
      boolean seenCode = false;
      for (String line : sample.code) {
        String code = line.strip();
        if (code.startsWith("import ")) {
          header.append(code).append('\n');
          body.add("");
        } else if (code.equals("...")) {
          body.add("");
        } else {
          if (!seenCode && !code.isEmpty() && !code.startsWith("//")) {
            seenCode = true;
            members = TYPE_DECLARATION.matcher(code).matches();
          }
          body.add(line);
        }
      }
      defaultImports.forEach(i -> header.append(i).append('\n'));
      header.append("class ").append(className).append(" {\n");
      for (String declaration : sample.context.split(";")) {
        if (!declaration.isBlank()) {
          header.append("  ").append(declaration.strip()).append(";\n");
        }
      }
      if (!members) {
        header.append("  void sample() throws Exception {\n");
      }
      this.bodyStart = (int) header.chars().filter(c -> c == '\n').count() + 1;
      this.text = header + String.join("\n", body) + "\n" + (members ? "" : "  }\n") + "}\n";
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }

    String describe(Diagnostic<? extends JavaFileObject> d) {
      int offset = (int) d.getLineNumber() - bodyStart;
      String message = d.getMessage(Locale.ROOT).replace('\n', ' ');
      if (offset >= 0 && offset < sample.code.size()) {
        return sample.file
            + ":"
            + (sample.firstLine + offset)
            + ": "
            + message
            + "\n    "
            + sample.code.get(offset).strip();
      }
      // In the sample's declared context or imports, or past its end.
      return sample.file + ":" + sample.firstLine + " (sample starting here): " + message;
    }
  }
}
