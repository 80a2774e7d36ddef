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

  /** The longest node id the report engine takes (its builder refuses a longer one). */
  static final int MAX_NODE_ID = 100;

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:@-]+");
  // a host name, an IPv4 address, or an IPv6 address (bare or in brackets)
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
  private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]+:[A-Za-z0-9_-]+");
  private static final Pattern BOT_PATH = Pattern.compile("/bot[0-9]+:");
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

  private final Mode mode;
  private final Map<String, String> env;
  // false for an operator command: channels are not used, nothing is created on disk
  private final boolean serving;
  private final boolean needsJwtSecret;
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  ConfigLoader(Mode mode, Map<String, String> env, boolean serving, boolean needsJwtSecret) {
    this.mode = mode;
    this.env = env;
    this.serving = serving;
    this.needsJwtSecret = needsJwtSecret;
  }

  ServiceConfig load() {
    warnAboutUnknownSettings();
    Path dataDir = path(Setting.DATA_DIR).orElse(Path.of("data")).toAbsolutePath().normalize();
    DatabaseSettings database = mode == Mode.DEV ? devDatabase(dataDir) : postgres();
    HttpSettings http = new HttpSettings(httpHost(), httpPort());
    String nodeId =
        value(Setting.NODE_ID).map(this::nodeId).orElseGet(ConfigLoader::generateNodeId);
    Optional<Secret> jwtSecret = jwtSecret();
    Optional<LoopsSettings> loops = loops();
    Optional<TelegramSettings> telegram = telegram();
    // half of Loops' credentials counts as given: the missing half is already named
    boolean loopsGiven =
        value(Setting.LOOPS_API_KEY).isPresent()
            || value(Setting.LOOPS_TRANSACTIONAL_ID).isPresent();
    DeliveryMode email =
        deliveryMode(Setting.EMAIL_DELIVERY, loopsGiven, "email", Setting.LOOPS_API_KEY);
    DeliveryMode telegramMode =
        deliveryMode(
            Setting.TELEGRAM_DELIVERY,
            telegram.isPresent(),
            "Telegram",
            Setting.TELEGRAM_BOT_TOKEN);
    Path outboxDir =
        path(Setting.OUTBOX_DIR).orElse(dataDir.resolve("outbox")).toAbsolutePath().normalize();
    Duration missedRunGrace = missedRunGrace();
    Optional<SharedLinkUrl> sharedLinkUrl = sharedLinkUrl();
    int maxSchedules =
        positiveInt(Setting.MAX_SCHEDULES_PER_ORG, ServiceConfig.DEFAULT_MAX_SCHEDULES_PER_ORG);
    int autoPauseAfter =
        positiveInt(Setting.AUTO_PAUSE_AFTER, ServiceConfig.DEFAULT_AUTO_PAUSE_AFTER);
    Duration runLease = runLease();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }

    // the file system is touched only once every value is known to be good
    if (mode == Mode.DEV) {
      createDirectory(Setting.DATA_DIR, dataDir);
    }
    Secret jwt =
        jwtSecret.orElseGet(
            () ->
                mode == Mode.DEV
                    ? DevJwtSecret.loadOrCreate(dataDir.resolve("jwt-secret"))
                    : Secret.of(""));
    ChannelModes channels = new ChannelModes(email, telegramMode);
    if (serving && (email == DeliveryMode.OUTBOX || telegramMode == DeliveryMode.OUTBOX)) {
      createDirectory(Setting.OUTBOX_DIR, outboxDir);
    }
    return new ServiceConfig(
        mode,
        database,
        http,
        nodeId,
        jwt,
        email == DeliveryMode.PROVIDER ? loops : Optional.empty(),
        telegramMode == DeliveryMode.PROVIDER ? telegram : Optional.empty(),
        outboxDir,
        dataDir,
        missedRunGrace,
        channels,
        sharedLinkUrl,
        maxSchedules,
        autoPauseAfter,
        runLease);
  }

  /**
   * A channel's mode. Unset, {@code dev} takes the provider when its credentials are set and the
   * outbox otherwise; {@code start} takes the provider and needs its credentials, so that a
   * forgotten key never sends customers' reports into a folder.
   */
  private DeliveryMode deliveryMode(
      Setting setting, boolean credentials, String channel, Setting credential) {
    Optional<String> raw = value(setting);
    Optional<DeliveryMode> chosen = raw.flatMap(DeliveryMode::parse);
    if (raw.isPresent() && chosen.isEmpty()) {
      problem(setting, "must be provider, outbox or off, got '" + raw.get() + "'");
      return DeliveryMode.OFF;
    }
    if (chosen.isEmpty()) {
      if (credentials || mode == Mode.DEV) {
        return credentials ? DeliveryMode.PROVIDER : DeliveryMode.OUTBOX;
      }
      if (!serving) {
        return DeliveryMode.OFF;
      }
      problem(
          credential,
          "required in start mode to deliver "
              + channel
              + "; or set "
              + setting
              + "=outbox (write to "
              + Setting.OUTBOX_DIR
              + ") or "
              + setting
              + "=off");
      return DeliveryMode.OFF;
    }
    if (chosen.get() == DeliveryMode.PROVIDER && !credentials && serving) {
      problem(credential, "required when " + setting + "=provider");
    }
    if (chosen.get() != DeliveryMode.PROVIDER && credentials) {
      log.warn("{}={}: {} credentials are set but not used", setting, chosen.get().code(), channel);
    }
    return chosen.get();
  }

  private String httpHost() {
    Optional<String> raw = value(Setting.HTTP_HOST);
    String fallback = mode == Mode.DEV ? "127.0.0.1" : "0.0.0.0";
    if (raw.isEmpty()) {
      return fallback;
    }
    String host = raw.get().trim();
    if (!HOST.matcher(host).matches()) {
      problem(
          Setting.HTTP_HOST,
          "must be an address or host name to bind, such as 0.0.0.0, 127.0.0.1 or ::, got '"
              + host
              + "'");
      return fallback;
    }
    // Jetty takes an IPv6 address without brackets
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private Optional<SharedLinkUrl> sharedLinkUrl() {
    Optional<String> raw = value(Setting.SHARED_LINK_URL);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String template = raw.get().trim();
    String expected =
        "must be an http(s) URL with "
            + SharedLinkUrl.PLACEHOLDER
            + " where the slug goes, such as https://app.example.com/s/"
            + SharedLinkUrl.PLACEHOLDER;
    if (!template.contains(SharedLinkUrl.PLACEHOLDER)) {
      problem(Setting.SHARED_LINK_URL, expected + "; it has no " + SharedLinkUrl.PLACEHOLDER);
      return Optional.empty();
    }
    try {
      URI uri = new URI(template.replace(SharedLinkUrl.PLACEHOLDER, "slug"));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getUserInfo() == null) {
        return Optional.of(new SharedLinkUrl(template));
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problem(Setting.SHARED_LINK_URL, expected);
    return Optional.empty();
  }

  private int positiveInt(Setting setting, int fallback) {
    Optional<String> raw = value(setting);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get().trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    problem(
        setting,
        "must be a whole number from 1 to " + Integer.MAX_VALUE + ", got '" + raw.get() + "'");
    return fallback;
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
    String id = raw.trim();
    if (id.length() > MAX_NODE_ID) {
      problem(
          Setting.NODE_ID,
          "at most " + MAX_NODE_ID + " characters (the report engine's limit), got " + id.length());
    } else if (!NODE_ID.matcher(id).matches()) {
      problem(
          Setting.NODE_ID,
          "must be 1 to "
              + MAX_NODE_ID
              + " characters of letters, digits and . _ : @ -, got '"
              + id
              + "'");
    }
    return id;
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
    // room for the suffix within the engine's limit
    host = host.substring(0, Math.min(host.length(), MAX_NODE_ID - 9));
    byte[] suffix = new byte[4];
    new SecureRandom().nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }

  private Optional<Secret> jwtSecret() {
    Optional<String> raw = value(Setting.JWT_SECRET);
    if (raw.isEmpty()) {
      if (needsJwtSecret) {
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
    String alertTransactionalId =
        value(Setting.LOOPS_ALERT_TRANSACTIONAL_ID).map(String::trim).orElse(transactionalId.get());
    return Optional.of(
        new LoopsSettings(
            Secret.of(key.get()), transactionalId.get(), baseUrl, alertTransactionalId));
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
    // the value is never echoed: a pasted URL may carry credentials or a bot token
    String expected =
        "must be an http(s) URL such as "
            + fallback
            + ", without credentials, query or fragment (the value is not shown)";
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
      if (uri.getPath() != null && BOT_PATH.matcher(uri.getPath()).find()) {
        problem(
            setting,
            "must be the Bot API base such as "
                + fallback
                + ", without /bot<token> (the token goes in "
                + Setting.TELEGRAM_BOT_TOKEN
                + "; the value is not shown)");
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
