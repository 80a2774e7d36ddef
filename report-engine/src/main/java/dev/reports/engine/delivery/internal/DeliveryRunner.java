package dev.reports.engine.delivery.internal;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.internal.retry.Ticker;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Delivers one run's report to every recipient of every enabled channel, each exactly once, logging
 * each delivery before the provider is called and after it answered. The jobs are split: {@link
 * ChannelPlan} resolves who gets it, {@link Sender} sends with retries, {@link DeliveryRecorder}
 * records, {@link ChannelDelivery} settles each recipient and {@link Tally} counts the outcome.
 *
 * <p>Channels run side by side; within a channel, recipients go one after another (the channel
 * paces them). A recipient that fails never stops the others. Each delivery row is opened {@code
 * pending} before its provider is called and completed {@code sent} only once the provider accepted
 * it; a recovered run (attempt 2+) finds its rows again and sends only to those not yet {@code
 * sent}, under the same idempotency key.
 *
 * <p>Fencing: before each recipient and again right before each provider call (the channel checks
 * last, after its rate-limit permits) the run's {@link Fence} proves this node still holds the run,
 * and every delivery-log write is conditional on the run's attempt; a node that stalled past its
 * lease and was replaced stops at the first of these with {@link RunFencedException}, sending and
 * recording nothing more for the run.
 *
 * <p>A listed recipient the resolver skips (deactivated, a Telegram chat the organization
 * disconnected, a user of another organization) gets a {@code skipped} row with the reason: a rule
 * kept the report from them, nothing failed. A channel where every listed recipient was skipped has
 * nobody to deliver to, and gets the same {@code failed} "no recipients" row as a channel with none
 * at all: a run that sent nothing never looks like a success.
 */
public final class DeliveryRunner {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Map<Channel, DeliveryChannel> channels = new LinkedHashMap<>();
  private final RecipientResolver recipients;
  private final MeterRegistry meters;
  private final DeliveryMeters deliveryMeters;
  private final DeliveryRecorder recorder;
  private final Sender sender;

  public DeliveryRunner(
      List<DeliveryChannel> channels,
      RecipientResolver recipients,
      DeliveryLog log,
      MeterRegistry meters) {
    this(channels, recipients, log, meters, DeliverySettings.defaults());
  }

  public DeliveryRunner(
      List<DeliveryChannel> channels,
      RecipientResolver recipients,
      DeliveryLog log,
      MeterRegistry meters,
      DeliverySettings settings) {
    this(
        channels,
        recipients,
        log,
        meters,
        settings,
        Ticker.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * With the time, waiting and jitter of retries given: tests check the timing without sleeping.
   */
  public DeliveryRunner(
      List<DeliveryChannel> channels,
      RecipientResolver recipients,
      DeliveryLog log,
      MeterRegistry meters,
      DeliverySettings settings,
      Ticker ticker,
      DoubleSupplier random) {
    for (DeliveryChannel channel : channels) {
      if (this.channels.put(channel.channel(), channel) != null) {
        throw new IllegalArgumentException("two delivery channels for " + channel.channel().code());
      }
    }
    this.recipients = recipients;
    this.meters = meters;
    this.deliveryMeters = new DeliveryMeters(meters, this.channels.keySet());
    this.recorder = new DeliveryRecorder(log, ticker);
    this.sender = new Sender(settings, meters, ticker, random);
  }

  /** Delivers without a lease to check (the delivery-log writes are still fenced by attempt). */
  public DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file) {
    return deliver(definition, run, file, Fence.NONE);
  }

  /**
   * Delivers to those not yet sent for this run (a recovered run re-sends nothing); throws {@link
   * RunFencedException} as soon as {@code fence} or the delivery log says this node lost the run.
   */
  public DeliveryOutcome deliver(
      ReportDefinition definition, Run run, ReportFile file, Fence fence) {
    List<Callable<DeliveryOutcome>> tasks = new ArrayList<>();
    for (ChannelPlan plan : ChannelPlan.of(definition, recipients.resolve(definition))) {
      ChannelDelivery delivery =
          new ChannelDelivery(
              definition,
              run,
              file,
              fence,
              plan,
              channels.get(plan.channel()),
              recorder,
              sender,
              deliveryMeters,
              new Tally(plan.channel(), meters));
      tasks.add(delivery::deliver);
    }
    try {
      return runAll(tasks, run);
    } finally {
      Attachment.discard(file);
    }
  }

  private DeliveryOutcome runAll(List<Callable<DeliveryOutcome>> tasks, Run run) {
    if (tasks.size() <= 1) {
      try {
        return tasks.isEmpty() ? new DeliveryOutcome(0, 0, 0) : tasks.get(0).call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new ReportEngineException("delivery failed", e);
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            tasks.size(),
            r -> {
              Thread t = new Thread(r, "report-delivery-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<DeliveryOutcome>> futures = pool.invokeAll(tasks);
      int sent = 0;
      int failed = 0;
      int skipped = 0;
      Throwable first = null;
      for (Future<DeliveryOutcome> future : futures) {
        try {
          DeliveryOutcome outcome = future.get();
          sent += outcome.sent();
          failed += outcome.failed();
          skipped += outcome.skipped();
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
        }
      }
      if (first instanceof Error error) {
        throw error;
      }
      if (first instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (first != null) {
        throw new ReportEngineException("delivery of run " + run.id() + " failed", first);
      }
      return new DeliveryOutcome(sent, failed, skipped);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportEngineException("delivery of run " + run.id() + " was interrupted");
    } finally {
      pool.shutdownNow();
    }
  }
}
