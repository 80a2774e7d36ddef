package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.ReportMessage;
import dev.reports.engine.report.ReportFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes each delivery to a folder instead of a provider: {@code <dir>/<run
 * id>/<channel>-<recipient>/} holds the CSV and {@code delivery.json}, an envelope saying who it
 * was for (recipient key and address). Any channel may be written so, a host's too. Used where no
 * provider credentials are set (always in {@code dev}); a re-send of the same delivery overwrites
 * the same files.
 */
public final class OutboxChannel implements DeliveryChannel {
  static final String PROVIDER = "outbox";
  static final String ENVELOPE = "delivery.json";

  private final Channel channel;
  private final Path dir;

  public OutboxChannel(Channel channel, Path dir) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    ReportFile file = delivery.file();
    Recipient recipient = delivery.recipient();
    Path folder = folder(delivery.runId(), "", recipient);
    delivery.fence().check();
    Map<String, Object> envelope = envelope(delivery.runId(), delivery.scheduleId(), recipient);
    envelope.put("report_name", file.description().name());
    envelope.put("file_name", file.fileName());
    envelope.put("run_date", file.runDate().toString());
    envelope.put("rows", file.rows());
    envelope.put("bytes", file.bytes());
    envelope.put("sha256", file.sha256());
    envelope.put("idempotency_key", delivery.idempotencyKey());
    // what the provider would have been told: the message, as email variables and as caption
    ReportMessage message = ReportMessage.of(file);
    envelope.put("message", message.dataVariables());
    envelope.put("caption", message.caption(null));
    return write(folder, envelope, file);
  }

  /**
   * Writes the alert's envelope, text included, to {@code <dir>/<run
   * id>/alert-<channel>-<recipient>/}.
   */
  @Override
  public DeliveryReceipt sendAlert(Alert alert) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("kind", "alert");
    envelope.putAll(envelope(alert.runId(), alert.scheduleId(), alert.recipient()));
    envelope.put("report_name", alert.failure().scheduleName());
    envelope.put("reason", alert.failure().reason());
    envelope.put("run_link", alert.failure().runLink());
    envelope.put("failures_in_row", alert.failure().failuresInRow());
    envelope.put("auto_paused", alert.failure().paused());
    envelope.put("text", alert.text());
    envelope.put("idempotency_key", alert.idempotencyKey());
    return write(folder(alert.runId(), "alert-", alert.recipient()), envelope, null);
  }

  private Path folder(UUID runId, String prefix, Recipient recipient) {
    return dir.resolve(runId.toString())
        .resolve(prefix + channel.code() + "-" + recipient.key().replaceAll("[^A-Za-z0-9_-]", "_"));
  }

  private Map<String, Object> envelope(UUID runId, UUID scheduleId, Recipient recipient) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("run_id", runId.toString());
    envelope.put("schedule_id", scheduleId.toString());
    envelope.put("channel", channel.code());
    envelope.put("recipient_key", recipient.key());
    envelope.put("address", recipient.address());
    // the fields a reader of the built-in channels' envelopes looks for
    if (channel.equals(Channel.EMAIL)) {
      envelope.put("email", recipient.address());
    } else if (channel.equals(Channel.TELEGRAM) && TelegramChannel.chatId(recipient) != null) {
      envelope.put("telegram_chat_id", TelegramChannel.chatId(recipient));
    }
    return envelope;
  }

  /** Writes the file (when there is one) and then the envelope into {@code folder}, atomically. */
  private DeliveryReceipt write(Path folder, Map<String, Object> envelope, ReportFile file) {
    try {
      Files.createDirectories(folder);
      if (file != null) {
        copyAtomically(file.path(), folder.resolve(file.fileName()));
      }
      envelope.put("written_at", Instant.now().toString());
      Path tmp = folder.resolve(ENVELOPE + ".tmp");
      Http.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), envelope);
      Files.move(
          tmp,
          folder.resolve(ENVELOPE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DeliveryException(
          "io_error",
          "cannot write to the outbox " + folder + ": " + e.getClass().getSimpleName(),
          false,
          null);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outbox_path", folder.toString());
    return new DeliveryReceipt(PROVIDER, dir.relativize(folder).toString(), details);
  }

  private static void copyAtomically(Path from, Path to) throws IOException {
    Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
