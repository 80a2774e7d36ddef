package dev.reports.engine.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How to send documents through the Telegram Bot API.
 *
 * @param botToken the bot's token (a secret, and part of every request URL: never logged)
 * @param baseUrl the Bot API's base, {@value #DEFAULT_BASE_URL} in production
 * @param maxUploadBytes the largest document sent as is; a larger CSV is sent gzip-compressed, and
 *     one still larger fails
 * @param botLimit sends of one bot, across everything that uses the same {@link RateLimiter} (an
 *     engine's: the whole cluster on PostgreSQL); Telegram allows about 30 a second
 * @param chatLimit sends to one private chat (a positive id); Telegram allows about 1 a second
 * @param groupLimit sends to one group (a negative id); Telegram allows 20 a minute
 * @param connectTimeout TCP connect timeout
 * @param readTimeout the longest wait for Telegram's answer once the upload is written
 */
public record TelegramSettings(
    String botToken,
    String baseUrl,
    long maxUploadBytes,
    RateLimit botLimit,
    RateLimit chatLimit,
    RateLimit groupLimit,
    Duration connectTimeout,
    Duration readTimeout) {
  public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

  /** Telegram's 50 MB upload limit for bots, with room for the multipart envelope. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 50_000_000L;

  public static final RateLimit DEFAULT_BOT_LIMIT = RateLimit.perSecond(30);
  public static final RateLimit DEFAULT_CHAT_LIMIT = RateLimit.perSecond(1);
  public static final RateLimit DEFAULT_GROUP_LIMIT = RateLimit.of(20, Duration.ofMinutes(1));

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);

  public TelegramSettings {
    LoopsSettings.requireText(botToken, "botToken");
    LoopsSettings.requireText(baseUrl, "baseUrl");
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("maxUploadBytes must be positive");
    }
    Objects.requireNonNull(botLimit, "botLimit");
    Objects.requireNonNull(chatLimit, "chatLimit");
    Objects.requireNonNull(groupLimit, "groupLimit");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /** Settings with every default, for this bot. */
  public static TelegramSettings of(String botToken) {
    return new TelegramSettings(
        botToken,
        DEFAULT_BASE_URL,
        DEFAULT_MAX_UPLOAD_BYTES,
        DEFAULT_BOT_LIMIT,
        DEFAULT_CHAT_LIMIT,
        DEFAULT_GROUP_LIMIT,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT);
  }

  public TelegramSettings withBaseUrl(String baseUrl) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        botLimit,
        chatLimit,
        groupLimit,
        connectTimeout,
        readTimeout);
  }

  public TelegramSettings withMaxUploadBytes(long maxUploadBytes) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        botLimit,
        chatLimit,
        groupLimit,
        connectTimeout,
        readTimeout);
  }

  public TelegramSettings withRateLimits(
      RateLimit botLimit, RateLimit chatLimit, RateLimit groupLimit) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        botLimit,
        chatLimit,
        groupLimit,
        connectTimeout,
        readTimeout);
  }

  public TelegramSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        botLimit,
        chatLimit,
        groupLimit,
        connectTimeout,
        readTimeout);
  }

  /** Never shows the bot token. */
  @Override
  public String toString() {
    return "TelegramSettings[botToken=<redacted>, baseUrl="
        + baseUrl
        + ", maxUploadBytes="
        + maxUploadBytes
        + ", botLimit="
        + botLimit
        + ", chatLimit="
        + chatLimit
        + ", groupLimit="
        + groupLimit
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }
}
