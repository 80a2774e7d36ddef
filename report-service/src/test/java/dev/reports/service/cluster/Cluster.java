package dev.reports.service.cluster;

import dev.reports.service.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N {@code report-service start} nodes, each the packaged jar in a JVM of its own, on one
 * PostgreSQL database and one pair of fake providers. Closing it kills whatever still runs.
 */
final class Cluster implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(90);
  static final String JWT_SECRET = "cluster-harness-secret-0123456789abcdef";

  private final Map<String, String> environment = new HashMap<>();
  private final Path dir;
  private final Map<String, ServiceProcess> nodes = new LinkedHashMap<>();

  Cluster(String dbUrl, String dbUser, Providers providers, Path dir) {
    this.dir = dir;
    environment.put("REPORTS_DB_URL", dbUrl);
    environment.put("REPORTS_DB_USER", dbUser);
    environment.put("REPORTS_HTTP_PORT", "0");
    environment.put("REPORTS_JWT_SECRET", JWT_SECRET);
    environment.putAll(providers.environment());
  }

  /** Sets one more {@code REPORTS_} variable for the nodes started from now on. */
  Cluster with(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Launches the nodes at once and waits until each serves HTTP (its engine runs by then). */
  Cluster start(String... nodeIds) throws IOException {
    List<String> launched = new ArrayList<>();
    for (String id : nodeIds) {
      Map<String, String> env = new HashMap<>(environment);
      env.put("REPORTS_NODE_ID", id);
      env.put("REPORTS_OUTBOX_DIR", dir.resolve(id).resolve("outbox").toString());
      nodes.put(id, ServiceProcess.launch(dir.resolve(id), env, "start"));
      launched.add(id);
    }
    for (String id : launched) {
      nodes.get(id).awaitServing(START);
    }
    return this;
  }

  /** SIGKILL: the node dies mid-work, holding whatever runs it had claimed. */
  void kill(String nodeId) {
    nodes.get(nodeId).kill();
  }

  /** SIGSTOP: the node stalls, every thread of it, holding whatever runs it had claimed. */
  void freeze(String nodeId) {
    nodes.get(nodeId).freeze();
  }

  /** SIGCONT: a frozen node wakes and goes on from where it stopped. */
  void thaw(String nodeId) {
    nodes.get(nodeId).thaw();
  }

  /** SIGTERM and wait: the node finishes what it can and leaves the cluster. */
  void stop(String nodeId) throws InterruptedException {
    ServiceProcess node = nodes.remove(nodeId);
    node.terminate();
    node.awaitExit(Duration.ofSeconds(60));
  }

  /** SIGTERM to every node at once, then waits for each: the whole cluster goes down. */
  void stopAll() throws InterruptedException {
    nodes.values().forEach(ServiceProcess::terminate);
    for (ServiceProcess node : nodes.values()) {
      node.awaitExit(Duration.ofSeconds(60));
    }
    nodes.clear();
  }

  /** Lines of every running node's output that contain {@code text}. */
  long lines(String text) {
    return nodes.values().stream()
        .flatMap(node -> (node.out() + node.err()).lines())
        .filter(line -> line.contains(text))
        .count();
  }

  /** Writes every running node's whole output to {@code into/<node>.log}, for a post-mortem. */
  void saveOutput(Path into) throws IOException {
    java.nio.file.Files.createDirectories(into);
    for (Map.Entry<String, ServiceProcess> node : nodes.entrySet()) {
      java.nio.file.Files.writeString(
          into.resolve(node.getKey() + ".log"), node.getValue().out() + node.getValue().err());
    }
  }

  /** Every node's output, for a failure message. */
  String output() {
    StringBuilder all = new StringBuilder();
    nodes.forEach(
        (id, node) -> {
          String out = node.out() + node.err();
          all.append("--- ").append(id).append(" output (tail)\n");
          all.append(out, Math.max(0, out.length() - 4000), out.length());
        });
    return all.toString();
  }

  @Override
  public void close() {
    nodes.values().forEach(ServiceProcess::close);
  }
}
