package dev.reports.engine.testing;

import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory {@link DeliveryChannel}: accepts every delivery (keeping a copy of the file's bytes)
 * and every failure alert unless told to throw for the next sends. A delivery's fence is checked
 * before anything else, as a real channel checks it before its request.
 */
public final class FakeDeliveryChannel implements DeliveryChannel {
  /** A delivery as it was sent, with the file's content at that moment. */
  public record Sent(Delivery delivery, byte[] content) {}

  private final Channel channel;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private final Queue<DeliveryException> failures = new ConcurrentLinkedQueue<>();

  public FakeDeliveryChannel(Channel channel) {
    this.channel = channel;
  }

  /** The next sends throw these, one each, in order. */
  public FakeDeliveryChannel failNext(DeliveryException... exceptions) {
    failures.addAll(List.of(exceptions));
    return this;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The failure alerts sent, in order. */
  public List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public String provider() {
    return "fake";
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    delivery.fence().check(); // as a real channel does, last before its provider is asked
    DeliveryException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    try {
      sent.add(new Sent(delivery, Files.readAllBytes(delivery.file().path())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DeliveryReceipt("fake", "fake-" + sent.size(), Map.of());
  }

  @Override
  public DeliveryReceipt sendAlert(Alert alert) {
    DeliveryException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    alerts.add(alert);
    return new DeliveryReceipt("fake", "fake-alert-" + alerts.size(), Map.of());
  }
}
