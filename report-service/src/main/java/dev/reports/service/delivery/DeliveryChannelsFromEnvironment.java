package dev.reports.service.delivery;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.TelegramSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the delivery channels from the environment (CONTRACT §3): Loops when {@code
 * REPORTS_LOOPS_API_KEY} is set, Telegram when {@code REPORTS_TELEGRAM_BOT_TOKEN} is set, and the
 * outbox folder {@code REPORTS_OUTBOX_DIR} for a channel without credentials.
 */
public final class DeliveryChannelsFromEnvironment {
  public static final String LOOPS_API_KEY = "REPORTS_LOOPS_API_KEY";
  public static final String LOOPS_TRANSACTIONAL_ID = "REPORTS_LOOPS_TRANSACTIONAL_ID";
  public static final String LOOPS_BASE_URL = "REPORTS_LOOPS_BASE_URL";
  public static final String TELEGRAM_BOT_TOKEN = "REPORTS_TELEGRAM_BOT_TOKEN";
  public static final String TELEGRAM_BASE_URL = "REPORTS_TELEGRAM_BASE_URL";
  public static final String OUTBOX_DIR = "REPORTS_OUTBOX_DIR";
  public static final String DEFAULT_OUTBOX_DIR = "./data/outbox";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryChannelsFromEnvironment.class);

  private DeliveryChannelsFromEnvironment() {}

  /**
   * One channel per {@link Channel}; throws {@link IllegalArgumentException} naming the setting
   * that is missing or malformed (never showing a secret).
   */
  public static List<DeliveryChannel> channels(Map<String, String> env) {
    Path outbox = Path.of(value(env, OUTBOX_DIR, DEFAULT_OUTBOX_DIR));
    DeliveryChannel email;
    String apiKey = value(env, LOOPS_API_KEY, null);
    if (apiKey == null) {
      email = DeliveryChannels.outbox(Channel.EMAIL, outbox);
      LOG.info("Email deliveries go to the outbox {} ({} is not set)", outbox, LOOPS_API_KEY);
    } else {
      String transactionalId = value(env, LOOPS_TRANSACTIONAL_ID, null);
      if (transactionalId == null) {
        throw new IllegalArgumentException(
            LOOPS_TRANSACTIONAL_ID + " is required when " + LOOPS_API_KEY + " is set");
      }
      String base = url(env, LOOPS_BASE_URL, LoopsSettings.DEFAULT_BASE_URL);
      email = DeliveryChannels.loops(LoopsSettings.of(apiKey, transactionalId).withBaseUrl(base));
      LOG.info("Email deliveries go to Loops at {}", base);
    }
    DeliveryChannel telegram;
    String token = value(env, TELEGRAM_BOT_TOKEN, null);
    if (token == null) {
      telegram = DeliveryChannels.outbox(Channel.TELEGRAM, outbox);
      LOG.info(
          "Telegram deliveries go to the outbox {} ({} is not set)", outbox, TELEGRAM_BOT_TOKEN);
    } else {
      if (!token.matches("\\d+:[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException(
            TELEGRAM_BOT_TOKEN + " is not a bot token (expected <bot id>:<secret>)");
      }
      String base = url(env, TELEGRAM_BASE_URL, TelegramSettings.DEFAULT_BASE_URL);
      telegram = DeliveryChannels.telegram(TelegramSettings.of(token).withBaseUrl(base));
      LOG.info("Telegram deliveries go to the Bot API at {}", base);
    }
    return List.of(email, telegram);
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static String url(Map<String, String> env, String name, String fallback) {
    String value = value(env, name, fallback);
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(name + " must be an http(s) URL, got " + value);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be an http(s) URL, got " + value);
    }
    return value;
  }
}
