package dev.reports.engine.delivery.custom;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.RateLimit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A host's own channel: posts each report as CSV to the recipient's URL. The sample of
 * docs/delivery.md ("A channel of your own"), kept here so that it compiles and is tested.
 */
public final class WebhookChannel implements DeliveryChannel {
  public static final Channel WEBHOOK = Channel.of("webhook");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final RateLimit limit;

  /** {@code limit}: at most so many posts, across the cluster; null for none. */
  public WebhookChannel(RateLimit limit) {
    this.limit = limit;
  }

  @Override
  public Channel channel() {
    return WEBHOOK;
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(limit);
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    HttpResponse<String> response;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(delivery.recipient().address()))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "text/csv")
              .header("Idempotency-Key", delivery.idempotencyKey()) // the same on every retry
              .POST(HttpRequest.BodyPublishers.ofFile(delivery.file().path()))
              .build();
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DeliveryException.retryable("no_answer", "the webhook did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable("interrupted", "interrupted before the answer");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      String id = response.headers().firstValue("X-Request-Id").orElse(null);
      return new DeliveryReceipt("webhook", id, Map.of("http_status", status));
    }
    String reason = "the webhook answered " + status + ": " + response.body();
    if (status == 429 || status >= 500) {
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(Long::parseLong)
              .map(Duration::ofSeconds)
              .orElse(null);
      throw DeliveryException.retryable(String.valueOf(status), reason, retryAfter);
    }
    throw DeliveryException.permanent(String.valueOf(status), reason);
  }
}
