package dev.reports.service.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the service is configured with, read from the environment (README.md's Configuration
 * table) and checked as a whole by {@link #load}.
 *
 * @param mode {@code dev} or {@code start}
 * @param database how to reach the database
 * @param http where the HTTP server listens
 * @param nodeId this node's id in the cluster
 * @param jwtSecret the HS256 key (its UTF-8 bytes) that signs API tokens; empty only in a
 *     configuration {@linkplain #loadForCommand loaded for a command} that does not sign
 * @param loops email through Loops; present exactly when {@code channels.email()} is {@code
 *     provider}
 * @param telegram Telegram through its Bot API; present exactly when {@code channels.telegram()} is
 *     {@code provider}
 * @param outboxDir where deliveries of a channel in {@code outbox} mode are written
 * @param dataDir where {@code dev} keeps its database and generated secret
 * @param missedRunGrace how late a passed instant still runs after all nodes were down; older ones
 *     are recorded {@code skipped_missed}
 * @param channels how each channel delivers: provider, outbox or off
 * @param sharedLinkUrl where a shared link is seen, for messages; empty: messages carry no link
 * @param maxSchedulesPerOrg how many schedules one organization may hold
 * @param autoPauseAfter failed runs in a row after which a schedule is disabled
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
    ChannelModes channels,
    Optional<SharedLinkUrl> sharedLinkUrl,
    int maxSchedulesPerOrg,
    int autoPauseAfter,
    Duration runLease) {
  /** {@code REPORTS_MAX_SCHEDULES_PER_ORG} when unset. */
  public static final int DEFAULT_MAX_SCHEDULES_PER_ORG = 1000;

  /** {@code REPORTS_AUTO_PAUSE_AFTER} when unset. */
  public static final int DEFAULT_AUTO_PAUSE_AFTER = 5;

  /**
   * Reads and checks the configuration of {@code mode} from {@code env} (the process environment,
   * or a map in tests). In {@code dev} it creates the data folder and, on first use, the JWT secret
   * kept there.
   *
   * @throws ConfigException naming every bad setting, never showing a secret
   */
  public static ServiceConfig load(Mode mode, Map<String, String> env) {
    return new ConfigLoader(mode, env, true, mode == Mode.START).load();
  }

  /**
   * Reads the configuration of an operator command ({@code token}, {@code migrate}): the rules of
   * {@code start}, except that a channel needs no credentials (it is not used) and the JWT secret
   * only when {@code signs}. Nothing is created on disk.
   *
   * @throws ConfigException naming every bad setting, never showing a secret
   */
  public static ServiceConfig loadForCommand(Map<String, String> env, boolean signs) {
    return new ConfigLoader(Mode.START, env, false, signs).load();
  }

  /** Whether some channel writes to the outbox folder. */
  public boolean usesOutbox() {
    return channels.email() == DeliveryMode.OUTBOX || channels.telegram() == DeliveryMode.OUTBOX;
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
