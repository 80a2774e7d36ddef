package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.testing.contract.DeliveryChannelContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The outbox has no provider to refuse or to leave a request unanswered: those rules are left. */
class OutboxChannelContractTest extends DeliveryChannelContract {
  @TempDir Path outbox;

  @Override
  protected DeliveryChannel channel() {
    return DeliveryChannels.outbox(Channel.EMAIL, outbox);
  }

  @Override
  protected Recipient recipient() {
    return Recipient.email(UUID.randomUUID(), "ann@example.com");
  }

  /** Deliveries and alerts written: one envelope each. */
  @Override
  protected int accepted() {
    try (Stream<Path> files = Files.walk(outbox)) {
      return (int) files.filter(f -> f.getFileName().toString().equals("delivery.json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
