package dev.reports.service.cluster;

import static dev.reports.jooq.Tables.SHARED_REPORT_NOTIFICATIONS;
import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;

import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * What a scenario did, from the providers' side (what every recipient received) and the ledger's
 * (runs and the delivery log): expected, delivered, duplicated and lost deliveries, fire lateness
 * and the time to the last delivery.
 */
record ScenarioReport(
    String name,
    int schedules,
    int expected,
    int delivered,
    int duplicated,
    int duplicatedOnTelegram,
    int lost,
    long latenessP50,
    long latenessP99,
    long latenessMax,
    double lastDeliverySeconds,
    int runs,
    int runsNotSucceeded,
    int takenOver,
    int notificationsNotSent,
    int requests,
    int maxRequestsPerRecipient,
    int overLimit,
    int injectedFaults,
    Map<String, Integer> runsPerNode) {

  static ScenarioReport collect(
      String name, DSLContext dsl, Providers providers, Workload workload, Instant due) {
    Map<String, Integer> received = new HashMap<>();
    Map<String, Integer> asked = new HashMap<>();
    long last = 0;
    for (FakeTelegramServer.Upload u : providers.telegram.delivered()) {
      received.merge("telegram:" + u.chatId(), 1, Integer::sum);
      last = Math.max(last, u.receivedAt().toEpochMilli());
    }
    for (FakeLoopsServer.Email e : providers.loops.delivered()) {
      received.merge("email:" + e.email(), 1, Integer::sum);
      last = Math.max(last, e.receivedAt().toEpochMilli());
    }
    providers
        .telegram
        .requests()
        .forEach(u -> asked.merge("telegram:" + u.chatId(), 1, Integer::sum));
    providers.loops.requests().forEach(e -> asked.merge("email:" + e.email(), 1, Integer::sum));
    List<String> wanted = new ArrayList<>();
    workload.chats.forEach(c -> wanted.add("telegram:" + c));
    workload.emails.forEach(e -> wanted.add("email:" + e));
    int delivered = 0;
    int duplicated = 0;
    int duplicatedOnTelegram = 0;
    for (String recipient : wanted) {
      int n = received.getOrDefault(recipient, 0);
      delivered += n > 0 ? 1 : 0;
      duplicated += Math.max(0, n - 1);
      duplicatedOnTelegram += recipient.startsWith("telegram:") ? Math.max(0, n - 1) : 0;
    }
    // a delivery to anyone not expected is a duplicate of nothing, still a wrong send
    int strays = (int) received.keySet().stream().filter(k -> !wanted.contains(k)).count();

    var r = SHARED_REPORT_RUNS;
    List<Long> lateness = new ArrayList<>();
    Map<String, Integer> perNode = new TreeMap<>();
    int notSucceeded = 0;
    int takenOver = 0;
    List<? extends Record> runs =
        dsl.select(r.SCHEDULED_FOR, r.STARTED_AT, r.STATUS, r.NODE_ID, r.ATTEMPTS).from(r).fetch();
    for (Record run : runs) {
      lateness.add(Duration.between(run.get(r.SCHEDULED_FOR), run.get(r.STARTED_AT)).toMillis());
      perNode.merge(String.valueOf(run.get(r.NODE_ID)), 1, Integer::sum);
      notSucceeded += "succeeded".equals(run.get(r.STATUS)) ? 0 : 1;
      takenOver += run.get(r.ATTEMPTS) > 1 ? 1 : 0;
    }
    Collections.sort(lateness);
    int notSent =
        dsl.fetchCount(SHARED_REPORT_NOTIFICATIONS, SHARED_REPORT_NOTIFICATIONS.STATUS.ne("sent"));
    return new ScenarioReport(
        name,
        workload.schedules.size(),
        wanted.size(),
        delivered,
        duplicated + strays,
        duplicatedOnTelegram,
        wanted.size() - delivered,
        percentile(lateness, 50),
        percentile(lateness, 99),
        lateness.isEmpty() ? -1 : lateness.get(lateness.size() - 1),
        last == 0 ? -1 : (last - due.toEpochMilli()) / 1000.0,
        runs.size(),
        notSucceeded,
        takenOver,
        notSent,
        asked.values().stream().mapToInt(Integer::intValue).sum(),
        asked.values().stream().mapToInt(Integer::intValue).max().orElse(0),
        providers.telegramRules.rateLimited() + providers.loopsRules.rateLimited(),
        providers.telegramRules.faults() + providers.loopsRules.faults(),
        perNode);
  }

  /** Every expected recipient received its report, nobody received one twice. */
  boolean complete() {
    return delivered == expected && duplicated == 0;
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %,d schedules; deliveries expected %,d, delivered %,d, duplicated %d (on Telegram %d),"
            + " lost %d%n"
            + "  fire lateness ms p50 %d, p99 %d, max %d; last delivery %.1f s after the due instant%n"
            + "  runs %,d (not succeeded %d, taken over after a lost lease %d), per node %s; "
            + "delivery-log rows not sent %d%n"
            + "  provider requests %,d (max %d for one recipient), answered 429 for exceeding a limit %d, "
            + "faults injected %d",
        name,
        schedules,
        expected,
        delivered,
        duplicated,
        duplicatedOnTelegram,
        lost,
        latenessP50,
        latenessP99,
        latenessMax,
        lastDeliverySeconds,
        runs,
        runsNotSucceeded,
        takenOver,
        runsPerNode,
        notificationsNotSent,
        requests,
        maxRequestsPerRecipient,
        overLimit,
        injectedFaults);
  }
}
