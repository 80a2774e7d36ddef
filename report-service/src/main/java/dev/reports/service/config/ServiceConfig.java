package dev.reports.service.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the service is configured with, read from the environment (CONTRACT §3) and checked as
 * a whole by {@link #load}.
 *
 * @param mode {@code dev} or {@code start}
 * @param database how to reach the database
 * @param http where the HTTP server listens
 * @param nodeId this node's id in the cluster
 * @param jwtSecret the HS256 key (its UTF-8 bytes) that signs API tokens
 * @param loops email through Loops; empty: email goes to the outbox
 * @param telegram Telegram through its Bot API; empty: Telegram goes to the outbox
 * @param outboxDir where deliveries without provider credentials are written
 * @param dataDir where {@code dev} keeps its database and generated secret
 * @param missedRunGrace how late a passed instant still runs after all nodes were down; older ones
 *     are recorded {@code skipped_missed}
 * @param runLease how long a run's claim outlives its node's silence before another node takes the
 *     run over
 */
public record ServiceConfig(
    Mode mode,
    DatabaseSettings database,
    HttpSettings http,
    String nodeId,
    Secret jwtSecret,
    Optional<LoopsSettings> loops,
    Optional<TelegramSettings> telegram,
    Path outboxDir,
    Path dataDir,
    Duration missedRunGrace,
    Duration runLease) {

  /**
   * Reads and checks the configuration of {@code mode} from {@code env} (the process environment,
   * or a map in tests). In {@code dev} it creates the data folder and, on first use, the JWT secret
   * kept there.
   *
   * @throws ConfigException naming every bad setting, never showing a secret
   */
  public static ServiceConfig load(Mode mode, Map<String, String> env) {
    return new ConfigLoader(mode, env).load();
  }

  /** Whether some channel has no provider credentials and writes to the outbox instead. */
  public boolean usesOutbox() {
    return loops.isEmpty() || telegram.isEmpty();
  }

  /** The values that must never be shown; {@link #redact} blanks them out of a text. */
  public List<String> secretValues() {
    return Stream.concat(
            Stream.of(database.password(), jwtSecret),
            Stream.concat(
                loops.stream().map(LoopsSettings::apiKey),
                telegram.stream().map(TelegramSettings::botToken)))
        .map(Secret::reveal)
        .filter(s -> s.length() >= 4)
        .toList();
  }

  /** {@code text} with every secret value replaced by {@code ***}: a last guard for messages. */
  public String redact(String text) {
    String result = text;
    for (String secret : secretValues()) {
      result = result.replace(secret, "***");
    }
    return result;
  }
}
