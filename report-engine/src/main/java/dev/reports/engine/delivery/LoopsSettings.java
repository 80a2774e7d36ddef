package dev.reports.engine.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How to send email through Loops' transactional API.
 *
 * @param apiKey the Loops API key (a secret: never logged)
 * @param transactionalId the transactional email template to send
 * @param baseUrl the API's base, {@value #DEFAULT_BASE_URL} in production
 * @param maxAttachmentBytes the largest attachment sent as is; a larger CSV is sent
 *     gzip-compressed, and one still larger fails (base64 makes the request a third bigger than
 *     this)
 * @param rateLimit requests to Loops are held to this, across everything that uses the same API key
 *     and {@link RateLimiter} (an engine's: the whole cluster on PostgreSQL); Loops allows 10 a
 *     second per team
 * @param connectTimeout TCP connect timeout
 * @param readTimeout the longest wait for Loops' answer
 * @param sharedLinkUrlTemplate when set, the {@code sharedLinkUrl} data variable is this with
 *     {@code {slug}} replaced by the shared link's slug; otherwise that variable is not sent
 */
public record LoopsSettings(
    String apiKey,
    String transactionalId,
    String baseUrl,
    long maxAttachmentBytes,
    RateLimit rateLimit,
    Duration connectTimeout,
    Duration readTimeout,
    String sharedLinkUrlTemplate) {
  public static final String DEFAULT_BASE_URL = "https://app.loops.so";
  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 5L * 1024 * 1024;
  public static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.perSecond(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public LoopsSettings {
    requireText(apiKey, "apiKey");
    requireText(transactionalId, "transactionalId");
    requireText(baseUrl, "baseUrl");
    if (maxAttachmentBytes < 1) {
      throw new IllegalArgumentException("maxAttachmentBytes must be positive");
    }
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /** Settings with every default, for this key and template. */
  public static LoopsSettings of(String apiKey, String transactionalId) {
    return new LoopsSettings(
        apiKey,
        transactionalId,
        DEFAULT_BASE_URL,
        DEFAULT_MAX_ATTACHMENT_BYTES,
        DEFAULT_RATE_LIMIT,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        null);
  }

  public LoopsSettings withBaseUrl(String baseUrl) {
    return new LoopsSettings(
        apiKey,
        transactionalId,
        baseUrl,
        maxAttachmentBytes,
        rateLimit,
        connectTimeout,
        readTimeout,
        sharedLinkUrlTemplate);
  }

  public LoopsSettings withMaxAttachmentBytes(long maxAttachmentBytes) {
    return new LoopsSettings(
        apiKey,
        transactionalId,
        baseUrl,
        maxAttachmentBytes,
        rateLimit,
        connectTimeout,
        readTimeout,
        sharedLinkUrlTemplate);
  }

  public LoopsSettings withRateLimit(RateLimit rateLimit) {
    return new LoopsSettings(
        apiKey,
        transactionalId,
        baseUrl,
        maxAttachmentBytes,
        rateLimit,
        connectTimeout,
        readTimeout,
        sharedLinkUrlTemplate);
  }

  public LoopsSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
    return new LoopsSettings(
        apiKey,
        transactionalId,
        baseUrl,
        maxAttachmentBytes,
        rateLimit,
        connectTimeout,
        readTimeout,
        sharedLinkUrlTemplate);
  }

  public LoopsSettings withSharedLinkUrlTemplate(String sharedLinkUrlTemplate) {
    return new LoopsSettings(
        apiKey,
        transactionalId,
        baseUrl,
        maxAttachmentBytes,
        rateLimit,
        connectTimeout,
        readTimeout,
        sharedLinkUrlTemplate);
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return "LoopsSettings[apiKey=<redacted>, transactionalId="
        + transactionalId
        + ", baseUrl="
        + baseUrl
        + ", maxAttachmentBytes="
        + maxAttachmentBytes
        + ", rateLimit="
        + rateLimit
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", sharedLinkUrlTemplate="
        + sharedLinkUrlTemplate
        + "]";
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
