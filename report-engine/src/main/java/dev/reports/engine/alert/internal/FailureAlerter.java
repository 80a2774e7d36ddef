package dev.reports.engine.alert.internal;

import dev.reports.engine.alert.AlertAudience;
import dev.reports.engine.alert.AlertTargets;
import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryEntry;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RunFailure;
import dev.reports.engine.delivery.internal.DeliveryPayloads;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDefinitions;
import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a schedule's people that one of its runs failed for good: one alert per (run, recipient),
 * through the report's channels (and so their rate limits), each logged in the delivery log before
 * the provider is called and completed after.
 *
 * <p>Only the node that recorded the run's end alerts, once; the log's row makes a second call for
 * the same run (a replayed end) send nothing. An alert is tried once: a failure is recorded as a
 * {@code failed} row and never changes the run.
 */
public final class FailureAlerter {
  private static final Logger LOG = LoggerFactory.getLogger(FailureAlerter.class);

  private final Map<Channel, DeliveryChannel> channels = new HashMap<>();
  private final DeliveryLog log;
  private final AlertTargets targets;
  private final ReportDefinitions definitions;
  private final MeterRegistry meters;

  public FailureAlerter(
      List<DeliveryChannel> channels,
      DeliveryLog log,
      AlertTargets targets,
      ReportDefinitions definitions,
      MeterRegistry meters) {
    channels.forEach(c -> this.channels.putIfAbsent(c.channel(), c));
    this.log = log;
    this.targets = targets;
    this.definitions = definitions;
    this.meters = meters;
  }

  /** Alerts every recipient of the schedule's alerts about this failed run; never throws. */
  public void alert(Run run, RunResult result, FailureStreak streak) {
    try {
      Optional<ReportDefinition> definition = definitions.find(run.scheduleId());
      if (definition.isEmpty()) {
        return; // the schedule was deleted meanwhile: nobody left to tell
      }
      AlertAudience audience = targets.audience(definition.get());
      if (audience.recipients().isEmpty()) {
        LOG.warn(
            "run {} of schedule {} failed, and nobody is there to be told (no active creator,"
                + " no chat)",
            run.id(),
            run.scheduleId());
      }
      String link = targets.runLink(run.id());
      String reason = result.error().orElse(result.status().code());
      for (Recipient recipient : audience.recipients()) {
        try {
          alert(definition.get(), run, recipient, audience.scheduleName(), reason, link, streak);
        } catch (RuntimeException e) {
          LOG.error(
              "run {}: could not alert {} recipient {}",
              run.id(),
              recipient.channel().code(),
              recipient.key(),
              e);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("run {}: could not send its failure alerts", run.id(), e);
    }
  }

  private void alert(
      ReportDefinition definition,
      Run run,
      Recipient recipient,
      String name,
      String reason,
      String link,
      FailureStreak streak) {
    DeliveryChannel sender = channels.get(recipient.channel());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("kind", "alert");
    payload.put("reason", reason);
    payload.put("run_link", link);
    payload.put("failures_in_row", streak.failuresInRow());
    payload.put("auto_paused", streak.paused());
    payload.put("run_attempt", run.attempt());
    payload.put("provider", sender == null ? "none" : sender.provider());
    if (!recipient.address().isEmpty()) {
      payload.put("to", DeliveryPayloads.to(recipient));
    }
    DeliveryRecord row =
        log.open(run, DeliveryEntry.alert(definition.organizationId(), recipient), payload);
    if (row.status() == DeliveryStatus.SENT) {
      return;
    }
    DeliveryStatus status;
    if (sender == null) {
      payload.put("error_code", "no_channel");
      payload.put("error", "no delivery channel is configured for " + recipient.channel().code());
      status = DeliveryStatus.FAILED;
    } else {
      Alert alert =
          new Alert(
              run.id(),
              run.scheduleId(),
              recipient,
              new RunFailure(name, reason, link, streak.failuresInRow(), streak.paused()),
              "alert-" + run.id() + "-" + recipient.key());
      try {
        DeliveryReceipt receipt = sender.sendAlert(alert);
        payload.put("provider", receipt.provider());
        if (receipt.providerMessageId() != null) {
          payload.put("provider_message_id", receipt.providerMessageId());
        }
        receipt.details().forEach(payload::putIfAbsent);
        status = DeliveryStatus.SENT;
      } catch (DeliveryException e) {
        payload.put("error_code", e.code() == null ? "error" : e.code());
        payload.put("error", e.getMessage());
        payload.put("permanent", e.permanent());
        status = DeliveryStatus.FAILED;
      } catch (RuntimeException e) {
        payload.put("error_code", "error");
        payload.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        status = DeliveryStatus.FAILED;
      }
    }
    log.complete(run, row.id(), status, payload);
    counter(recipient.channel(), status).increment();
    if (status == DeliveryStatus.FAILED) {
      LOG.warn(
          "run {}: the failure alert to {} recipient {} failed: {}",
          run.id(),
          recipient.channel().code(),
          recipient.key(),
          payload.get("error"));
    }
  }

  private Counter counter(Channel channel, DeliveryStatus status) {
    return Counter.builder("reports.alerts")
        .description("Failure alerts sent or failed, by channel")
        .tag("channel", channel.code())
        .tag("status", status.code())
        .register(meters);
  }
}
