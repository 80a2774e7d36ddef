package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** {@code java -jar report-service.jar <command>} in a child JVM, its output captured. */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Serving HTTP on http://[^:]+:(\\d+)");

  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final Thread outPump;
  private final Thread errPump;

  private ServiceProcess(Process process) {
    this.process = process;
    this.outPump = pump(process.getInputStream(), out);
    this.errPump = pump(process.getErrorStream(), err);
  }

  /**
   * Launches the packaged jar in {@code workDir} with only {@code env} as REPORTS_ settings and
   * {@code args} (the command and its options).
   */
  public static ServiceProcess launch(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    Path jar = Path.of(System.getProperty("serviceJar", "target/report-service.jar"));
    assertThat(jar).as("run `package` first").exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> line =
        new ArrayList<>(
            List.of(java.toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
    line.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(line).directory(Files.createDirectories(workDir).toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("REPORTS_"));
    builder.environment().putAll(env);
    return new ServiceProcess(builder.start());
  }

  /** Waits until the service serves HTTP; returns its port. */
  public int awaitServing(Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .failFast("the service exited:\n" + err + out, () -> !process.isAlive())
        .until(() -> SERVING.matcher(out).find());
    Matcher m = SERVING.matcher(out);
    m.find();
    return Integer.parseInt(m.group(1));
  }

  /** Waits for the process to end; returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("the service did not exit within %s:\n%s%s", timeout, err, out)
        .isTrue();
    // the pumps may be behind the exit: wait until they have read everything
    outPump.join(Duration.ofSeconds(10).toMillis());
    errPump.join(Duration.ofSeconds(10).toMillis());
    return process.exitValue();
  }

  /** SIGTERM, as an orchestrator stops a container. */
  public void terminate() {
    // through the handle: Process.destroy() would also close our end of its output pipes, and
    // lose what the service prints while it stops
    process.toHandle().destroy();
  }

  /**
   * SIGKILL, as a crash or the OOM killer ends a process: no shutdown hook runs. Returns once the
   * process is gone (up to 10 s), as the signal is delivered asynchronously.
   */
  public void kill() {
    process.toHandle().destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGSTOP: the whole process stalls at once, every thread (a frozen VM, a stop-the-world pause
   * that outlasts its run's lease); {@link #thaw} resumes it where it was.
   */
  public void freeze() {
    signal("-STOP");
  }

  /** SIGCONT: a {@link #freeze frozen} process goes on from where it stopped. */
  public void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
          .as("kill %s %d", signal, process.pid())
          .isTrue();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String out() {
    return out.toString();
  }

  public String err() {
    return err.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static Thread pump(InputStream stream, StringBuffer into) {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  into.append(line).append('\n');
                }
              } catch (IOException closed) {
                // the process is gone
              }
            },
            "service-output");
    pump.setDaemon(true);
    pump.start();
    return pump;
  }
}
