package dev.reports.service.config;

import dev.reports.engine.ReportEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@link ServiceConfig} from environment variables, collecting every problem at once. */
final class ConfigLoader {
  static final int MIN_JWT_SECRET_BYTES = 32;
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");
  private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]+:[A-Za-z0-9_-]+");
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

  private final Mode mode;
  private final Map<String, String> env;
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  ConfigLoader(Mode mode, Map<String, String> env) {
    this.mode = mode;
    this.env = env;
  }

  ServiceConfig load() {
    warnAboutUnknownSettings();
    Path dataDir = path(Setting.DATA_DIR).orElse(Path.of("data")).toAbsolutePath().normalize();
    DatabaseSettings database = mode == Mode.DEV ? devDatabase(dataDir) : postgres();
    HttpSettings http = new HttpSettings(mode == Mode.DEV ? "127.0.0.1" : "0.0.0.0", httpPort());
    String nodeId =
        value(Setting.NODE_ID).map(this::nodeId).orElseGet(ConfigLoader::generateNodeId);
    Optional<Secret> jwtSecret = jwtSecret();
    Optional<LoopsSettings> loops = loops();
    Optional<TelegramSettings> telegram = telegram();
    Path outboxDir =
        path(Setting.OUTBOX_DIR).orElse(dataDir.resolve("outbox")).toAbsolutePath().normalize();
    Duration missedRunGrace = missedRunGrace();
    Duration runLease = runLease();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }

    // the file system is touched only once every value is known to be good
    if (mode == Mode.DEV) {
      createDirectory(Setting.DATA_DIR, dataDir);
    }
    Secret jwt =
        jwtSecret.orElseGet(() -> DevJwtSecret.loadOrCreate(dataDir.resolve("jwt-secret")));
    if (loops.isEmpty() || telegram.isEmpty()) {
      createDirectory(Setting.OUTBOX_DIR, outboxDir);
    }
    return new ServiceConfig(
        mode,
        database,
        http,
        nodeId,
        jwt,
        loops,
        telegram,
        outboxDir,
        dataDir,
        missedRunGrace,
        runLease);
  }

  private void warnAboutUnknownSettings() {
    Set<String> known =
        Arrays.stream(Setting.values()).map(Setting::env).collect(Collectors.toSet());
    env.keySet().stream()
        .filter(name -> name.startsWith("REPORTS_") && !known.contains(name))
        .filter(name -> !name.startsWith("REPORTS_TEST_"))
        .sorted()
        .forEach(name -> log.warn("Ignoring unknown setting {}", name));
    if (mode == Mode.DEV && value(Setting.DB_URL).isPresent()) {
      log.warn("Ignoring {} in dev mode: dev always uses its embedded H2 database", Setting.DB_URL);
    }
  }

  private DatabaseSettings devDatabase(Path dataDir) {
    if (dataDir.toString().contains(";")) {
      problem(Setting.DATA_DIR, "must not contain ';' (H2 reads it as a URL separator)");
    }
    return DatabaseSettings.h2(dataDir.resolve("reports"));
  }

  private DatabaseSettings postgres() {
    Optional<String> url = value(Setting.DB_URL);
    if (url.isEmpty()) {
      problem(
          Setting.DB_URL,
          "required in start mode: the JDBC URL of PostgreSQL, e.g."
              + " jdbc:postgresql://db.internal:5432/reports");
      return null;
    }
    PostgresUrl parsed;
    try {
      parsed = PostgresUrl.parse(url.get());
    } catch (IllegalArgumentException e) {
      // never echo the value: a URL may carry a password parameter
      problem(Setting.DB_URL, e.getMessage() + "; expected jdbc:postgresql://host:port/database");
      return null;
    }
    return new DatabaseSettings(
        DatabaseVendor.POSTGRESQL,
        url.get(),
        value(Setting.DB_USER).orElse(""),
        Secret.of(value(Setting.DB_PASSWORD).orElse("")),
        parsed.server(),
        parsed.database());
  }

  private int httpPort() {
    Optional<String> raw = value(Setting.HTTP_PORT);
    if (raw.isEmpty()) {
      return HttpSettings.DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(raw.get().trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    problem(
        Setting.HTTP_PORT,
        "must be a port number 1-65535 (0 picks a free port), got '" + raw.get() + "'");
    return HttpSettings.DEFAULT_PORT;
  }

  private Duration missedRunGrace() {
    return duration(
        Setting.MISSED_RUN_GRACE,
        ReportEngine.DEFAULT_MISSED_RUN_GRACE,
        Duration.ofNanos(1),
        "must be a positive ISO-8601 duration such as PT6H or PT30M");
  }

  /** At least a second: the lease is renewed a third of it apart. */
  private Duration runLease() {
    return duration(
        Setting.RUN_LEASE,
        ReportEngine.DEFAULT_RUN_LEASE,
        Duration.ofSeconds(1),
        "must be an ISO-8601 duration of at least one second such as PT30S");
  }

  /** An ISO-8601 duration of at least {@code min}, else a problem saying {@code rule}. */
  private Duration duration(Setting setting, Duration fallback, Duration min, String rule) {
    Optional<String> raw = value(setting);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      Duration duration = Duration.parse(raw.get().trim());
      if (duration.compareTo(min) >= 0) {
        return duration;
      }
    } catch (DateTimeParseException notADuration) {
      // reported below
    }
    problem(setting, rule + ", got '" + raw.get() + "'");
    return fallback;
  }

  private String nodeId(String raw) {
    if (!NODE_ID.matcher(raw).matches()) {
      problem(
          Setting.NODE_ID,
          "must be 1 to 200 characters of letters, digits and . _ : @ -, got '" + raw + "'");
    }
    return raw;
  }

  private static String generateNodeId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException unknown) {
        host = "node";
      }
    }
    host = host.replaceAll("[^A-Za-z0-9._-]", "-");
    host = host.substring(0, Math.min(host.length(), 180));
    byte[] suffix = new byte[4];
    new SecureRandom().nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }

  private Optional<Secret> jwtSecret() {
    Optional<String> raw = value(Setting.JWT_SECRET);
    if (raw.isEmpty()) {
      if (mode == Mode.START) {
        problem(
            Setting.JWT_SECRET,
            "required in start mode: the HS256 key that signs API tokens, at least "
                + MIN_JWT_SECRET_BYTES
                + " bytes");
      }
      return Optional.empty();
    }
    if (raw.get().getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
      problem(
          Setting.JWT_SECRET, "too short: HS256 needs at least " + MIN_JWT_SECRET_BYTES + " bytes");
    }
    return raw.map(Secret::of);
  }

  private Optional<LoopsSettings> loops() {
    URI baseUrl = url(Setting.LOOPS_BASE_URL, LoopsSettings.DEFAULT_BASE_URL);
    Optional<String> key = value(Setting.LOOPS_API_KEY);
    Optional<String> transactionalId = value(Setting.LOOPS_TRANSACTIONAL_ID);
    if (key.isPresent() && transactionalId.isEmpty()) {
      problem(
          Setting.LOOPS_TRANSACTIONAL_ID,
          "required when " + Setting.LOOPS_API_KEY + " is set: the id of the email template");
    }
    if (key.isEmpty() && transactionalId.isPresent()) {
      problem(Setting.LOOPS_API_KEY, "required when " + Setting.LOOPS_TRANSACTIONAL_ID + " is set");
    }
    if (key.isEmpty() || transactionalId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LoopsSettings(Secret.of(key.get()), transactionalId.get(), baseUrl));
  }

  private Optional<TelegramSettings> telegram() {
    URI baseUrl = url(Setting.TELEGRAM_BASE_URL, TelegramSettings.DEFAULT_BASE_URL);
    Optional<String> token = value(Setting.TELEGRAM_BOT_TOKEN);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!TELEGRAM_TOKEN.matcher(token.get()).matches()) {
      problem(
          Setting.TELEGRAM_BOT_TOKEN,
          "not a bot token: expected <bot id>:<key> exactly as @BotFather gives it");
    }
    return Optional.of(new TelegramSettings(Secret.of(token.get()), baseUrl));
  }

  private URI url(Setting setting, URI fallback) {
    Optional<String> raw = value(setting);
    if (raw.isEmpty()) {
      return fallback;
    }
    String expected = "must be an http(s) URL such as " + fallback + ", got '" + raw.get() + "'";
    try {
      URI uri = new URI(raw.get().trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getUserInfo() != null
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        problem(setting, expected);
        return fallback;
      }
      return URI.create(uri.toString().replaceAll("/+$", ""));
    } catch (URISyntaxException e) {
      problem(setting, expected);
      return fallback;
    }
  }

  private Optional<Path> path(Setting setting) {
    Optional<String> raw = value(setting);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(raw.get()));
    } catch (InvalidPathException e) {
      problem(setting, "not a valid path: " + e.getReason());
      return Optional.empty();
    }
  }

  private void createDirectory(Setting setting, Path dir) {
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        throw new ConfigException(setting, "cannot write to " + dir);
      }
    } catch (IOException e) {
      throw new ConfigException(setting, "cannot create " + dir + ": " + reason(e));
    }
  }

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** A setting's value; unset and blank are the same (compose files often write {@code X=}). */
  private Optional<String> value(Setting setting) {
    String raw = env.get(setting.env());
    return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw);
  }

  private void problem(Setting setting, String message) {
    problems.add(new ConfigException.Problem(setting, message));
  }
}
