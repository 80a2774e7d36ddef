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
 * @param messagesPerSecond sends of one bot are paced to at most this many per second, across every
 *     thread of this JVM
 * @param chatInterval the shortest pause between two sends to one private chat
 * @param groupInterval the shortest pause between two sends to one group (a negative chat id)
 * @param connectTimeout TCP connect timeout
 * @param readTimeout the longest wait for Telegram's answer once the upload is written
 */
public record TelegramSettings(
    String botToken,
    String baseUrl,
    long maxUploadBytes,
    double messagesPerSecond,
    Duration chatInterval,
    Duration groupInterval,
    Duration connectTimeout,
    Duration readTimeout) {
  public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

  /** Telegram's 50 MB upload limit for bots, with room for the multipart envelope. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 50_000_000L;

  public static final double DEFAULT_MESSAGES_PER_SECOND = 30;
  public static final Duration DEFAULT_CHAT_INTERVAL = Duration.ofSeconds(1);

  /** Telegram allows about 20 messages a minute in one group. */
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofSeconds(3);

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);

  public TelegramSettings {
    LoopsSettings.requireText(botToken, "botToken");
    LoopsSettings.requireText(baseUrl, "baseUrl");
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("maxUploadBytes must be positive");
    }
    if (!(messagesPerSecond > 0)) {
      throw new IllegalArgumentException("messagesPerSecond must be positive");
    }
    Objects.requireNonNull(chatInterval, "chatInterval");
    Objects.requireNonNull(groupInterval, "groupInterval");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /** Settings with every default, for this bot. */
  public static TelegramSettings of(String botToken) {
    return new TelegramSettings(
        botToken,
        DEFAULT_BASE_URL,
        DEFAULT_MAX_UPLOAD_BYTES,
        DEFAULT_MESSAGES_PER_SECOND,
        DEFAULT_CHAT_INTERVAL,
        DEFAULT_GROUP_INTERVAL,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT);
  }

  public TelegramSettings withBaseUrl(String baseUrl) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        messagesPerSecond,
        chatInterval,
        groupInterval,
        connectTimeout,
        readTimeout);
  }

  public TelegramSettings withMaxUploadBytes(long maxUploadBytes) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        messagesPerSecond,
        chatInterval,
        groupInterval,
        connectTimeout,
        readTimeout);
  }

  public TelegramSettings withPacing(
      double messagesPerSecond, Duration chatInterval, Duration groupInterval) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        messagesPerSecond,
        chatInterval,
        groupInterval,
        connectTimeout,
        readTimeout);
  }

  public TelegramSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
    return new TelegramSettings(
        botToken,
        baseUrl,
        maxUploadBytes,
        messagesPerSecond,
        chatInterval,
        groupInterval,
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
        + ", messagesPerSecond="
        + messagesPerSecond
        + ", chatInterval="
        + chatInterval
        + ", groupInterval="
        + groupInterval
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }
}
