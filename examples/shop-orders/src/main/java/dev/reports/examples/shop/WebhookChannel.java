package dev.reports.examples.shop;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.RateLimit;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's own channel: POSTs the CSV to the recipient's URL. The engine brings retries, the rate
 * limit, the delivery log and the fence; this class only sends and says what is worth retrying.
 */
final class WebhookChannel implements DeliveryChannel {
  static final Channel WEBHOOK = Channel.of("webhook");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Channel channel() {
    return WEBHOOK;
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    return Optional.of(RateLimit.perSecond(5));
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(delivery.recipient().address()))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "text/csv; charset=utf-8")
              .header(
                  "Content-Disposition",
                  "attachment; filename=\"" + delivery.file().fileName() + "\"")
              .header("Idempotency-Key", delivery.idempotencyKey())
              .POST(HttpRequest.BodyPublishers.ofFile(delivery.file().path()))
              .build();
    } catch (IllegalArgumentException | FileNotFoundException e) {
      throw DeliveryException.permanent(
          "bad_request", "cannot post to this address: " + e.getMessage());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DeliveryException.retryable("io", "the webhook did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable("interrupted", "interrupted while posting");
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return new DeliveryReceipt("webhook", null, Map.of("status", status));
    }
    String what = "the webhook answered " + status;
    if (status == 429 || status / 100 == 5) {
      Duration wait =
          response.headers().firstValue("Retry-After").map(WebhookChannel::seconds).orElse(null);
      throw new DeliveryException(Integer.toString(status), what, false, wait);
    }
    throw DeliveryException.permanent(Integer.toString(status), what);
  }

  private static Duration seconds(String header) {
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
