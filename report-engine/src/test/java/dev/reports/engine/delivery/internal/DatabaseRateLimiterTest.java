package dev.reports.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.internal.retry.FakeTicker;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.engine.testing.TestReportFiles;
import dev.reports.test.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Two limiters on one database stand for two nodes of a cluster. */
@Timeout(60)
class DatabaseRateLimiterTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  @TempDir Path dir;

  final FakeTelegramServer telegram = new FakeTelegramServer();
  final AtomicInteger overLimit = new AtomicInteger();

  @AfterEach
  void tearDown() {
    telegram.close();
  }

  @Test
  void twoNodesSharingTheDatabaseNeverSendMoreThanTheBotsLimitTogether() throws Exception {
    enforceBotLimit(30);
    RateLimiter first = new DatabaseRateLimiter(db.dataSource(), Duration.ofSeconds(5));
    RateLimiter second = new DatabaseRateLimiter(db.dataSource(), Duration.ofSeconds(5));

    long took = sendFromTwoNodes(first, second, 100);

    assertThat(overLimit).hasValue(0);
    assertThat(telegram.delivered()).hasSize(200);
    // 200 sends at 30 a second: the last window cannot open before 6 s
    assertThat(took).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(6));
    assertThat(rows())
        .doesNotContain(telegram.token())
        .doesNotContain(LoopsChannel.fingerprint(telegram.token()));
  }

  @Test
  void aRefusedGrantWaitsUntilTheFirstCountedPermitStopsCountingNotLonger() throws Exception {
    FakeTicker waits = new FakeTicker();
    Duration window = Duration.ofMillis(400);
    String key = "wait-" + UUID.randomUUID();
    RateLimiter limiter =
        new DatabaseRateLimiter(
            db.dataSource(), Duration.ofSeconds(5), DatabaseRateLimiter.DEFAULT_TABLE, waits);
    RateLimit limit = RateLimit.of(1, window);
    // another node's permit: this node's own memory does not know it
    RateLimiter otherNode = new DatabaseRateLimiter(db.dataSource(), Duration.ofSeconds(5));
    otherNode.acquire(key, limit).close();

    limiter.acquire(key, limit).close();

    // the database's answer says how long until its window frees: never more than one window
    // (and a couple of milliseconds), and asked again only then
    assertThat(waits.pauses())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(window.plusMillis(2)));
    assertThat(waits.pauses().get(0)).isGreaterThan(Duration.ofMillis(100));
  }

  @Test
  void twoNodesKeepingTheLimitOnlyInTheirOwnMemoryOverrunTheBot() throws Exception {
    // the same load through per-node limiters: what the shared one prevents
    enforceBotLimit(30);

    sendFromTwoNodes(new LocalRateLimiters(), new LocalRateLimiters(), 100);

    assertThat(overLimit.get()).isPositive();
  }

  @Test
  void permitsOfTwoNodesNeverOverlapTheWindowBeyondTheLimit() throws Exception {
    RateLimit limit = RateLimit.of(3, Duration.ofMillis(150));
    String key = "test:" + UUID.randomUUID();
    List<RateLimiter> nodes =
        List.of(
            new DatabaseRateLimiter(db.dataSource(), Duration.ofSeconds(5)),
            new DatabaseRateLimiter(db.dataSource(), Duration.ofSeconds(5)));

    List<PermitTraffic.Held> held =
        PermitTraffic.hold(8, 5, 20, thread -> nodes.get(thread % 2).acquire(key, limit));

    PermitTraffic.assertNoWindowOverrun(held, limit);
  }

  @Test
  void aPermitInFlightKeepsCountingPastItsLeaseWhileItsNodeLives() throws Exception {
    RateLimit limit = RateLimit.of(1, Duration.ofMillis(100));
    String key = "test:" + UUID.randomUUID();
    DatabaseRateLimiter first = new DatabaseRateLimiter(db.dataSource(), Duration.ofMillis(300));
    DatabaseRateLimiter second = new DatabaseRateLimiter(db.dataSource(), Duration.ofMillis(300));
    RateLimiter.Permit slow = first.acquire(key, limit);
    AtomicLong grantedAt = new AtomicLong();
    Thread waiter = waitFor(second, key, limit, grantedAt);

    waiter.join(1_500); // five leases: renewed all along
    assertThat(grantedAt).hasValue(0);
    long answered = System.nanoTime();
    slow.close();
    waiter.join(5_000);

    assertThat(grantedAt.get() - answered).isGreaterThanOrEqualTo(limit.per().toNanos());
  }

  @Test
  void aDeadNodesPermitStopsCountingOnceItsLeaseIsOut() throws Exception {
    RateLimit limit = RateLimit.of(1, Duration.ofMillis(100));
    String key = "test:" + UUID.randomUUID();
    DatabaseRateLimiter dying = new DatabaseRateLimiter(db.dataSource(), Duration.ofMillis(500));
    DatabaseRateLimiter survivor = new DatabaseRateLimiter(db.dataSource(), Duration.ofSeconds(5));
    dying.acquire(key, limit); // never closed: the node dies mid-request
    long died = System.nanoTime();
    dying.halt();
    AtomicLong grantedAt = new AtomicLong();

    waitFor(survivor, key, limit, grantedAt).join(10_000);

    assertThat(grantedAt.get()).isPositive();
    assertThat(grantedAt.get() - died)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400))
        .isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void aDatabaseThatCannotBeReachedFailsTheSendAsTransient() {
    PGSimpleDataSource down = new PGSimpleDataSource();
    down.setURL("jdbc:postgresql://127.0.0.1:1/none");
    down.setConnectTimeout(1);
    RateLimiter limiter = new DatabaseRateLimiter(down, Duration.ofSeconds(5));

    assertThatThrownBy(() -> limiter.acquire("test:down", RateLimit.perSecond(1)))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.code()).isEqualTo("rate_limiter");
            });
  }

  /** Telegram's per-bot limit as Telegram counts it: arrivals in any sliding window of 1 s. */
  private void enforceBotLimit(int perSecond) {
    Deque<Long> arrivals = new ArrayDeque<>();
    telegram.gate(
        upload -> {
          synchronized (arrivals) {
            long now = System.nanoTime();
            while (!arrivals.isEmpty() && arrivals.peekFirst() <= now - 1_000_000_000L) {
              arrivals.pollFirst();
            }
            if (arrivals.size() >= perSecond) {
              overLimit.incrementAndGet();
              return FakeTelegramServer.Reply.tooManyRequests(1);
            }
            arrivals.addLast(now);
            return null;
          }
        });
  }

  /** Each node sends {@code each} documents to distinct chats on 8 threads; the time it took. */
  private long sendFromTwoNodes(RateLimiter first, RateLimiter second, int each) throws Exception {
    ReportFile file = TestReportFiles.csv(dir, 3);
    TelegramSettings settings =
        TelegramSettings.of(telegram.token())
            .withBaseUrl(telegram.baseUrl())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    List<DeliveryChannel> nodes =
        List.of(new TelegramChannel(settings, first), new TelegramChannel(settings, second));
    AtomicInteger chats = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.nanoTime();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (DeliveryChannel node : nodes) {
        for (int i = 0; i < each; i++) {
          work.add(
              pool.submit(
                  () -> {
                    long chat = 1_000 + chats.incrementAndGet();
                    try {
                      node.send(
                          new Delivery(
                              UUID.randomUUID(),
                              UUID.randomUUID(),
                              Recipient.telegram(chat),
                              file,
                              "key-" + chat));
                    } catch (DeliveryException e) {
                      // a 429: counted by the gate
                    }
                  }));
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return System.nanoTime() - start;
  }

  private static Thread waitFor(
      RateLimiter limiter, String key, RateLimit limit, AtomicLong grantedAt) {
    Thread waiter =
        new Thread(
            () -> {
              try (RateLimiter.Permit permit = limiter.acquire(key, limit)) {
                grantedAt.set(System.nanoTime());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.setDaemon(true);
    waiter.start();
    return waiter;
  }

  /** Every row of the permit table, as text. */
  private static String rows() throws Exception {
    StringBuilder text = new StringBuilder();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from delivery_rate_permits")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          text.append(rs.getString(i)).append('|');
        }
        text.append('\n');
      }
    }
    assertThat(text).as("the table holds the permits of the sends").isNotEmpty();
    return text.toString();
  }
}
