package dev.reports.engine.delivery.internal;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.ChatMigratedException;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryLog;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.DeliveryRecord;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.engine.delivery.DeliveryStatus;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.run.Fence;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunFencedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one run's report to every recipient of every enabled channel, each exactly once, logging
 * each delivery before the provider is called and after it answered.
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
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRunner.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final int MAX_MIGRATIONS = 2;
  private static final int LOG_WRITE_ATTEMPTS = 3;
  // about two minutes of tries (each also waits for a connection): as long as a run waits for
  // the database (Runner.DATABASE_PATIENCE)
  private static final int SENT_WRITE_ATTEMPTS = 25;

  private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
  private final RecipientResolver recipients;
  private final DeliveryLog log;
  private final MeterRegistry meters;
  private final DeliverySettings settings;
  private final DeliveryMeters deliveryMeters;

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
    for (DeliveryChannel channel : channels) {
      if (this.channels.put(channel.channel(), channel) != null) {
        throw new IllegalArgumentException("two delivery channels for " + channel.channel().code());
      }
    }
    this.recipients = recipients;
    this.log = log;
    this.meters = meters;
    this.settings = settings;
    this.deliveryMeters = new DeliveryMeters(meters);
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
    ResolvedRecipients resolved = recipients.resolve(definition);
    List<Callable<DeliveryOutcome>> tasks = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      if (!definition.channels().contains(channel)) {
        continue;
      }
      List<Recipient> targets =
          resolved.recipients().stream().filter(r -> r.channel() == channel).toList();
      List<SkippedRecipient> skipped =
          resolved.skipped().stream().filter(s -> s.recipient().channel() == channel).toList();
      tasks.add(
          () -> new ChannelRun(definition, run, file, fence, channel, targets, skipped).deliver());
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

  /** The idempotency key of (run, recipient): the same for every attempt of the run. */
  static String idempotencyKey(Run run, Recipient recipient) {
    return "report-" + run.id() + "-" + recipient.key();
  }

  /** The deliveries of one run over one channel. */
  private final class ChannelRun {
    private final ReportDefinition definition;
    private final Run run;
    private final ReportFile file;
    private final Fence fence;
    private final Channel channel;
    private final List<Recipient> targets;
    private final List<SkippedRecipient> skipped;
    private final DeliveryChannel sender;
    // chats already served in this run, so a migrated group is never sent the report twice
    private final Map<Long, String> servedChats = new HashMap<>();
    private int sent;
    private int failed;
    private int skippedCount;

    ChannelRun(
        ReportDefinition definition,
        Run run,
        ReportFile file,
        Fence fence,
        Channel channel,
        List<Recipient> targets,
        List<SkippedRecipient> skipped) {
      this.definition = definition;
      this.run = run;
      this.file = file;
      this.fence = fence;
      this.channel = channel;
      this.targets = targets;
      this.skipped = skipped;
      this.sender = channels.get(channel);
    }

    DeliveryOutcome deliver() {
      for (SkippedRecipient skip : skipped) {
        skip(skip);
      }
      // nobody left to deliver to (and nobody served by an earlier attempt): say so, as a failure
      if (targets.isEmpty() && sent == 0) {
        noRecipients();
      }
      Map<String, Recipient> unique = new LinkedHashMap<>();
      targets.forEach(r -> unique.putIfAbsent(r.key(), r));
      for (Recipient recipient : unique.values()) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted();
        }
        fence.check();
        deliverTo(recipient);
      }
      return new DeliveryOutcome(sent, failed, skippedCount);
    }

    private void noRecipients() {
      Map<String, Object> payload = filePayload();
      DeliveryRecord row = open(null, payload);
      if (row.status() == DeliveryStatus.SENT) {
        return;
      }
      String reason =
          skipped.isEmpty()
              ? "no "
                  + channel.code()
                  + " recipients: the schedule lists none and the organization has no"
                  + " organization-wide "
                  + channel.code()
                  + " recipients"
              : "no "
                  + channel.code()
                  + " recipient can receive the report: "
                  + (skipped.size() == 1
                      ? "the one listed was skipped"
                      : "all " + skipped.size() + " listed were skipped");
      payload.put("error_code", "no_recipients");
      payload.put("error", reason);
      complete(row, DeliveryStatus.FAILED, payload);
      LOG.warn("Run {} of schedule {}: {}", run.id(), definition.scheduleId(), reason);
      count(DeliveryStatus.FAILED);
    }

    private void skip(SkippedRecipient skip) {
      Map<String, Object> payload = recipientPayload(skip.recipient());
      DeliveryRecord row = open(skip.recipient(), payload);
      if (row.status() == DeliveryStatus.SENT) {
        count(DeliveryStatus.SENT); // delivered by an earlier attempt, before it was deactivated
        return;
      }
      payload.put("skipped", true);
      payload.put("reason", skip.reason());
      complete(row, DeliveryStatus.SKIPPED, payload);
      LOG.info(
          "Run {} of schedule {}: skipping {} recipient {}: {}",
          run.id(),
          definition.scheduleId(),
          channel.code(),
          skip.recipient().key(),
          skip.reason());
      count(DeliveryStatus.SKIPPED);
    }

    private void deliverTo(Recipient recipient) {
      Map<String, Object> payload = recipientPayload(recipient);
      DeliveryRecord row = open(recipient, payload);
      if (row.status() == DeliveryStatus.SENT) {
        LOG.info(
            "Run {}: {} recipient {} was already sent in an earlier attempt",
            run.id(),
            channel.code(),
            recipient.key());
        remember(recipient, row.payload().get("provider_message_id"));
        count(DeliveryStatus.SENT);
        return;
      }
      boolean earlierAttempt =
          !Integer.valueOf(run.attempt()).equals(asInt(row.payload().get("run_attempt")));
      if (earlierAttempt || row.status() == DeliveryStatus.FAILED) {
        // a row left by an earlier attempt: pending (it crashed mid-send) or failed; it is
        // pending again while the provider is called, so a crash now leaves no false "failed"
        payload.put("previous_status", row.status().code());
        copy(row.payload(), "error", "previous_error", payload);
        complete(row, DeliveryStatus.PENDING, payload);
      }
      if (sender == null) {
        payload.put("error_code", "no_channel");
        payload.put("error", "no delivery channel is configured for " + channel.code());
        finish(row, DeliveryStatus.FAILED, payload, recipient);
        return;
      }
      String served = servedChat(recipient.telegramChatId());
      if (served != null) {
        alreadyServed(row, payload, recipient, served, null);
        return;
      }
      Attempt attempt = send(recipient);
      if (attempt == null) {
        return; // interrupted mid-send: the row stays pending, for recovery to settle
      }
      payload.put("attempts", attempt.attempts);
      payload.put("duration_ms", attempt.elapsed.toMillis());
      deliveryMeters.took(channel, attempt.elapsed);
      if (attempt.migratedTo != null) {
        payload.put("migrated_to_chat_id", attempt.migratedTo);
      }
      if (attempt.alreadyServed != null) {
        alreadyServed(row, payload, recipient, attempt.alreadyServed, attempt.migratedTo);
        return;
      }
      if (attempt.receipt != null) {
        DeliveryReceipt receipt = attempt.receipt;
        payload.put("provider", receipt.provider());
        if (receipt.providerMessageId() != null) {
          payload.put("provider_message_id", receipt.providerMessageId());
        }
        receipt.details().forEach(payload::putIfAbsent);
        remember(attempt.target, receipt.providerMessageId());
        finish(row, DeliveryStatus.SENT, payload, recipient);
        return;
      }
      DeliveryException error = attempt.error;
      payload.put("error_code", error.code() == null ? "error" : error.code());
      payload.put("error", attempt.reason);
      payload.put("permanent", error.permanent());
      finish(row, DeliveryStatus.FAILED, payload, recipient);
    }

    /** Sends with retries; null when interrupted. */
    private Attempt send(Recipient recipient) {
      String key = idempotencyKey(run, recipient);
      Recipient target = recipient;
      long start = System.nanoTime();
      int attempts = 0;
      int migrations = 0;
      while (true) {
        attempts++;
        // also before a retry: a node that stalled in its backoff must not send again
        fence.check();
        try {
          DeliveryReceipt receipt =
              sender.send(
                  new Delivery(run.id(), definition.scheduleId(), target, file, key, fence));
          return Attempt.sent(receipt, target, attempts, since(start), migrated(recipient, target));
        } catch (RunFencedException fenced) {
          throw fenced; // the channel's last check before the provider call
        } catch (ChatMigratedException moved) {
          long from = target.telegramChatId();
          if (++migrations > MAX_MIGRATIONS) {
            return Attempt.failed(
                moved,
                "the chat kept moving: " + moved.getMessage(),
                target,
                attempts,
                since(start),
                migrated(recipient, target));
          }
          LOG.info(
              "Run {}: Telegram chat {} became {}; sending there",
              run.id(),
              from,
              moved.newChatId());
          migrateStoredChat(from, moved.newChatId());
          target = Recipient.telegram(moved.newChatId());
          String served = servedChat(moved.newChatId());
          if (served != null) {
            return Attempt.served(served, target, attempts, since(start), moved.newChatId());
          }
        } catch (DeliveryException e) {
          if (Thread.currentThread().isInterrupted()) {
            return null;
          }
          if (e.permanent()) {
            return Attempt.failed(
                e, e.getMessage(), target, attempts, since(start), migrated(recipient, target));
          }
          if (attempts >= settings.maxAttempts() + migrations) {
            return Attempt.failed(
                e,
                "gave up after " + attempts(attempts) + ": " + e.getMessage(),
                target,
                attempts,
                since(start),
                migrated(recipient, target));
          }
          Duration pause = backoff(attempts - migrations, e.retryAfter().orElse(null));
          if (since(start).plus(pause).compareTo(settings.maxRetryTime()) > 0) {
            return Attempt.failed(
                e,
                "gave up after "
                    + attempts(attempts)
                    + ": the next one would come after the retry time limit of "
                    + settings.maxRetryTime()
                    + ": "
                    + e.getMessage(),
                target,
                attempts,
                since(start),
                migrated(recipient, target));
          }
          LOG.info(
              "Run {}: {} delivery to {} failed ({}: {}); retrying in {} ms (attempt {} of {})",
              run.id(),
              channel.code(),
              target.key(),
              e.code(),
              e.getMessage(),
              pause.toMillis(),
              attempts + 1,
              settings.maxAttempts() + migrations);
          meters.counter("reports.delivery.retries", "channel", channel.code()).increment();
          try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
          }
        } catch (RuntimeException e) {
          // a channel bug or an unreadable file: nothing a retry would fix
          return Attempt.failed(
              new DeliveryException("channel_error", "the channel failed", true, null),
              e.getClass().getSimpleName() + ": " + e.getMessage(),
              target,
              attempts,
              since(start),
              migrated(recipient, target));
        }
      }
    }

    private void migrateStoredChat(long from, long to) {
      try {
        recipients.telegramChatMigrated(definition.organizationId(), from, to);
      } catch (RuntimeException e) {
        // the report still goes to the new chat; the next run learns the move again
        LOG.warn("Run {}: could not record the move of chat {} to {}", run.id(), from, to, e);
      }
    }

    private void alreadyServed(
        DeliveryRecord row,
        Map<String, Object> payload,
        Recipient recipient,
        String messageId,
        Long migratedTo) {
      payload.put("provider", sender.provider());
      if (migratedTo != null) {
        payload.put("migrated_to_chat_id", migratedTo);
      }
      if (messageId != null && !messageId.isEmpty()) {
        payload.put("provider_message_id", messageId);
      }
      payload.put(
          "note", "this chat already received the report in this run (it is the same chat)");
      finish(row, DeliveryStatus.SENT, payload, recipient);
    }

    private String servedChat(Long chatId) {
      return chatId == null ? null : servedChats.get(chatId);
    }

    private void remember(Recipient target, Object messageId) {
      if (target.telegramChatId() != null) {
        servedChats.put(target.telegramChatId(), messageId == null ? "" : messageId.toString());
      }
    }

    private void finish(
        DeliveryRecord row,
        DeliveryStatus status,
        Map<String, Object> payload,
        Recipient recipient) {
      complete(row, status, payload);
      count(status);
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

    private void count(DeliveryStatus status) {
      if (status == DeliveryStatus.SENT) {
        sent++;
      } else if (status == DeliveryStatus.SKIPPED) {
        skippedCount++;
      } else {
        failed++;
      }
      meters
          .counter("reports.deliveries", "channel", channel.code(), "status", status.code())
          .increment();
    }

    private DeliveryRecord open(Recipient recipient, Map<String, Object> payload) {
      return withRetries(
          () -> log.open(run, definition.organizationId(), channel, recipient, payload));
    }

    private void complete(DeliveryRecord row, DeliveryStatus status, Map<String, Object> payload) {
      Map<String, Object> copy = Map.copyOf(payload);
      // the provider accepted a send: if that is not recorded, a retry of the run sends it again
      withRetries(
          status == DeliveryStatus.SENT ? SENT_WRITE_ATTEMPTS : LOG_WRITE_ATTEMPTS,
          () -> {
            log.complete(run, row.id(), status, copy);
            return null;
          });
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
      if (recipient.email() != null) {
        payload.put("to", recipient.email());
      } else if (recipient.telegramChatId() != null) {
        payload.put("to", recipient.telegramChatId());
      }
      return payload;
    }

    private ReportEngineException interrupted() {
      return new ReportEngineException(
          "delivery of run " + run.id() + " was interrupted; unsent recipients are left for retry");
    }
  }

  /** The log is the product's memory: a brief database hiccup must not lose a delivery's record. */
  private static <T> T withRetries(java.util.function.Supplier<T> write) {
    return withRetries(LOG_WRITE_ATTEMPTS, write);
  }

  private static <T> T withRetries(int attempts, java.util.function.Supplier<T> write) {
    RuntimeException last = null;
    for (int i = 0; i < attempts; i++) {
      try {
        return write.get();
      } catch (RunFencedException e) {
        throw e; // refused because another attempt holds the run: trying again cannot help
      } catch (RuntimeException e) {
        last = e;
        LOG.warn("Writing the delivery log failed (try {} of {})", i + 1, attempts, e);
        try {
          Thread.sleep(Math.min(5_000L, 100L << (2 * Math.min(i, 8))));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw last;
  }

  /** Exponential, jittered, capped; never shorter than what the provider asked for. */
  Duration backoff(int failures, Duration retryAfter) {
    double base = settings.firstBackoff().toNanos() * Math.pow(2, Math.max(0, failures - 1));
    double capped = Math.min(base, settings.maxBackoff().toNanos());
    double spread = settings.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    Duration pause = Duration.ofNanos((long) (capped * (1 + spread)));
    return retryAfter != null && retryAfter.compareTo(pause) > 0 ? retryAfter : pause;
  }

  private static String attempts(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static Long migrated(Recipient original, Recipient target) {
    return original.equals(target) ? null : target.telegramChatId();
  }

  private static Integer asInt(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }

  private static void copy(
      Map<String, Object> from, String key, String as, Map<String, Object> to) {
    Object value = from.get(key);
    if (value != null) {
      to.putIfAbsent(as, value);
    }
  }

  /** How sending to one recipient ended. */
  private record Attempt(
      DeliveryReceipt receipt,
      DeliveryException error,
      String reason,
      String alreadyServed,
      Recipient target,
      int attempts,
      Duration elapsed,
      Long migratedTo) {
    static Attempt sent(
        DeliveryReceipt receipt, Recipient target, int attempts, Duration elapsed, Long moved) {
      return new Attempt(receipt, null, null, null, target, attempts, elapsed, moved);
    }

    static Attempt served(
        String messageId, Recipient target, int attempts, Duration elapsed, Long moved) {
      return new Attempt(null, null, null, messageId, target, attempts, elapsed, moved);
    }

    static Attempt failed(
        DeliveryException error,
        String reason,
        Recipient target,
        int attempts,
        Duration elapsed,
        Long moved) {
      return new Attempt(null, error, reason, null, target, attempts, elapsed, moved);
    }
  }
}
