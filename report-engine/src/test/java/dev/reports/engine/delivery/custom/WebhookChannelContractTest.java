package dev.reports.engine.delivery.custom;

import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.testing.contract.DeliveryChannelContract;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;

/**
 * A host's own channel keeps the channel contract as the built-in ones do: the sample {@link
 * WebhookChannel}, posting to a webhook on MockWebServer. It leaves the fence to the engine (it
 * does not wait before its request goes out) and sends no alerts.
 */
class WebhookChannelContractTest extends DeliveryChannelContract {
  private final MockWebServer server = new MockWebServer();
  private final Queue<MockResponse> refusals = new ConcurrentLinkedQueue<>();
  private final AtomicInteger accepted = new AtomicInteger();

  @Override
  protected DeliveryChannel channel() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse refusal = refusals.poll();
            if (refusal != null) {
              return refusal;
            }
            return new MockResponse()
                .setResponseCode(202)
                .setHeader("X-Request-Id", "req-" + accepted.incrementAndGet());
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("the webhook server did not start", e);
    }
    return new WebhookChannel(null);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @Override
  protected Recipient recipient() {
    return Recipient.of(WebhookChannel.WEBHOOK, "shop:orders", server.url("/orders").toString());
  }

  @Override
  protected int accepted() {
    return accepted.get();
  }

  @Override
  protected int requestsReceived() {
    return server.getRequestCount();
  }

  @Override
  protected boolean refuseNextRetryable() {
    refusals.add(new MockResponse().setResponseCode(503).setBody("busy"));
    return true;
  }

  @Override
  protected boolean refuseNextPermanently() {
    refusals.add(new MockResponse().setResponseCode(404).setBody("no such hook"));
    return true;
  }

  @Override
  protected boolean leaveNextUnanswered() {
    return false; // the sample waits 30 s for an answer: too long for a test
  }

  @Override
  protected boolean checksFence() {
    return false;
  }

  @Override
  protected boolean sendsAlerts() {
    return false;
  }
}
