package dev.reports.engine.delivery.internal;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one run over one channel, one recipient after another: each row is opened
 * before the channel is called and settled after (sent, failed or skipped); a row an earlier
 * attempt of the run left {@code sent} is not sent again.
 */
final class ChannelDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelDelivery.class);

  private final ReportDefinition definition;
  private final Run run;
  private final ReportFile file;
  private final Fence fence;
  private final ChannelPlan plan;
  private final Channel channel;
  private final DeliveryChannel sender;
  private final DeliveryRecorder recorder;
  private final Sender sending;
  private final DeliveryMeters deliveryMeters;
  private final Tally tally;

  /** {@code sender} is null when no channel is configured for the plan's: every row fails. */
  ChannelDelivery(
      ReportDefinition definition,
      Run run,
      ReportFile file,
      Fence fence,
      ChannelPlan plan,
      DeliveryChannel sender,
      DeliveryRecorder recorder,
      Sender sending,
      DeliveryMeters deliveryMeters,
      Tally tally) {
    this.definition = definition;
    this.run = run;
    this.file = file;
    this.fence = fence;
    this.plan = plan;
    this.channel = plan.channel();
    this.sender = sender;
    this.recorder = recorder;
    this.sending = sending;
    this.deliveryMeters = deliveryMeters;
    this.tally = tally;
  }

  DeliveryOutcome deliver() {
    for (SkippedRecipient skip : plan.skipped()) {
      skip(skip);
    }
    // nobody left to deliver to (and nobody served by an earlier attempt): say so, as a failure
    if (plan.targets().isEmpty() && tally.sent() == 0) {
      noRecipients();
    }
    for (Recipient recipient : plan.targets()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new ReportEngineException(
            "delivery of run "
                + run.id()
                + " was interrupted; unsent recipients are left for retry");
      }
      fence.check();
      deliverTo(recipient);
    }
    return tally.outcome();
  }

  private void noRecipients() {
    Map<String, Object> payload = filePayload();
    DeliveryRecord row =
        recorder.open(run, DeliveryEntry.nobody(definition.organizationId(), channel), payload);
    if (row.status() == DeliveryStatus.SENT) {
      return;
    }
    String reason =
        plan.skipped().isEmpty()
            ? "no "
                + channel.code()
                + " recipients: the schedule lists none and the organization has no"
                + " organization-wide "
                + channel.code()
                + " recipients"
            : "no "
                + channel.code()
                + " recipient can receive the report: "
                + (plan.skipped().size() == 1
                    ? "the one listed was skipped"
                    : "all " + plan.skipped().size() + " listed were skipped");
    payload.put("error_code", "no_recipients");
    payload.put("error", reason);
    recorder.complete(run, row, DeliveryStatus.FAILED, payload);
    LOG.warn("Run {} of schedule {}: {}", run.id(), definition.scheduleId(), reason);
    tally.count(DeliveryStatus.FAILED);
  }

  private void skip(SkippedRecipient skip) {
    Map<String, Object> payload = recipientPayload(skip.recipient());
    DeliveryRecord row = recorder.open(run, entry(skip.recipient()), payload);
    if (row.status() == DeliveryStatus.SENT) {
      tally.count(DeliveryStatus.SENT); // delivered by an earlier attempt, before it was skipped
      return;
    }
    payload.put("skipped", true);
    payload.put("reason", skip.reason());
    recorder.complete(run, row, DeliveryStatus.SKIPPED, payload);
    LOG.info(
        "Run {} of schedule {}: skipping {} recipient {}: {}",
        run.id(),
        definition.scheduleId(),
        channel.code(),
        skip.recipient().key(),
        skip.reason());
    tally.count(DeliveryStatus.SKIPPED);
  }

  private void deliverTo(Recipient recipient) {
    Map<String, Object> payload = recipientPayload(recipient);
    DeliveryRecord row = recorder.open(run, entry(recipient), payload);
    if (row.status() == DeliveryStatus.SENT) {
      LOG.info(
          "Run {}: {} recipient {} was already sent in an earlier attempt",
          run.id(),
          channel.code(),
          recipient.key());
      tally.count(DeliveryStatus.SENT);
      return;
    }
    boolean earlierAttempt =
        !Integer.valueOf(run.attempt()).equals(asInt(row.payload().get("run_attempt")));
    if (earlierAttempt || row.status() == DeliveryStatus.FAILED) {
      // a row left by an earlier attempt: pending (it crashed mid-send) or failed; it is
      // pending again while the provider is called, so a crash now leaves no false "failed"
      payload.put("previous_status", row.status().code());
      Object previousError = row.payload().get("error");
      if (previousError != null) {
        payload.putIfAbsent("previous_error", previousError);
      }
      recorder.complete(run, row, DeliveryStatus.PENDING, payload);
    }
    if (sender == null) {
      payload.put("error_code", "no_channel");
      payload.put("error", "no delivery channel is configured for " + channel.code());
      settle(row, DeliveryStatus.FAILED, payload, recipient);
      return;
    }
    Sender.Sent sent =
        sending.send(
            sender,
            new Delivery(
                run.id(),
                definition.scheduleId(),
                recipient,
                file,
                idempotencyKey(run, recipient),
                fence));
    if (sent == null) {
      return; // interrupted mid-send: the row stays pending, for recovery to settle
    }
    payload.put("attempts", sent.attempts());
    payload.put("duration_ms", sent.elapsed().toMillis());
    deliveryMeters.took(channel, sent.elapsed());
    if (sent.accepted()) {
      DeliveryReceipt receipt = sent.receipt();
      payload.put("provider", receipt.provider());
      if (receipt.providerMessageId() != null) {
        payload.put("provider_message_id", receipt.providerMessageId());
      }
      receipt.details().forEach(payload::putIfAbsent);
      settle(row, DeliveryStatus.SENT, payload, recipient);
      return;
    }
    DeliveryException error = sent.error();
    payload.put("error_code", error.code() == null ? "error" : error.code());
    payload.put("error", sent.reason());
    payload.put("permanent", error.permanent());
    settle(row, DeliveryStatus.FAILED, payload, recipient);
  }

  private void settle(
      DeliveryRecord row, DeliveryStatus status, Map<String, Object> payload, Recipient recipient) {
    recorder.complete(run, row, status, payload);
    tally.count(status);
    if (status == DeliveryStatus.SENT) {
      LOG.info(
          "Run {}: {} report sent to {} via {}",
          run.id(),
          channel.code(),
          recipient.key(),
          payload.get("provider"));
    } else {
      LOG.warn(
          "Run {}: {} delivery to {} failed: {}",
          run.id(),
          channel.code(),
          recipient.key(),
          payload.get("error"));
    }
  }

  /** The idempotency key of (run, recipient): the same for every attempt of the run. */
  static String idempotencyKey(Run run, Recipient recipient) {
    return "report-" + run.id() + "-" + recipient.key();
  }

  private DeliveryEntry entry(Recipient recipient) {
    return DeliveryEntry.report(definition.organizationId(), recipient);
  }

  private Map<String, Object> filePayload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("file_name", file.fileName());
    payload.put("rows", file.rows());
    payload.put("bytes", file.bytes());
    if (file.sha256() != null) {
      payload.put("sha256", file.sha256());
    }
    payload.put("run_attempt", run.attempt());
    payload.put("provider", sender == null ? "none" : sender.provider());
    return payload;
  }

  private Map<String, Object> recipientPayload(Recipient recipient) {
    Map<String, Object> payload = filePayload();
    if (!recipient.address().isEmpty()) {
      payload.put("to", DeliveryPayloads.to(recipient));
    }
    return payload;
  }

  private static Integer asInt(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }
}
