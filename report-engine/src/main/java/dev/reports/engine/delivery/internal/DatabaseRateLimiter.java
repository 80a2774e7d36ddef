package dev.reports.engine.delivery.internal;

import dev.reports.engine.ReportEngineException;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.RateLimit;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.internal.retry.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared by every node through PostgreSQL's {@code delivery_rate_permits}: the {@link
 * LocalRateLimiter} semantic, with the permits of the whole cluster in one table and every instant
 * taken from the database's clock, so the nodes' clocks do not matter.
 *
 * <p>A grant runs under a transaction-scoped advisory lock on the key, so grants of one key are
 * serialized across the cluster and a dead node's lock dies with its connection. An in-flight
 * permit counts until its lease, which this node renews while the request runs; a node that dies
 * stops renewing and its permits stop counting once the lease is out, rather than blocking the key.
 *
 * <p>Two stages cut the round trips: this node's own {@link LocalRateLimiters} first (it can never
 * be granted more than the limit anyway), then one thread per key at a time asks the database and
 * the others wait here rather than polling it too.
 */
public final class DatabaseRateLimiter implements RateLimiter {
  /** How long an in-flight permit counts without renewal: a dead node's permits, at most. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseRateLimiter.class);
  private static final ScheduledExecutorService RENEWER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rate-permit-renewer");
            t.setDaemon(true);
            return t;
          });
  private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final int EVICT_ABOVE = 10_000;

  private static final String LOCK = "select pg_advisory_xact_lock(?)";
  // the data-modifying CTE prunes the key's spent rows; the query still sees them, hence the filter
  private static final String WINDOW =
      "with spent as (delete from delivery_rate_permits"
          + " where limiter_key = ? and counts_until <= clock_timestamp())"
          + " select count(*), extract(epoch from min(counts_until) - clock_timestamp())"
          + " from delivery_rate_permits"
          + " where limiter_key = ? and counts_until > clock_timestamp()";
  private static final String GRANT =
      "insert into delivery_rate_permits (limiter_key, granted_at, counts_until)"
          + " values (?, clock_timestamp(), clock_timestamp() + ? * interval '1 microsecond')"
          + " returning id";
  private static final String RELEASE =
      "update delivery_rate_permits set ended_at = clock_timestamp(),"
          + " counts_until = clock_timestamp() + ? * interval '1 microsecond' where id = ?";
  private static final String RENEW =
      "update delivery_rate_permits set counts_until = clock_timestamp() + ? * interval '1"
          + " microsecond' where id = any(?) and ended_at is null";
  private static final String PRUNE =
      "delete from delivery_rate_permits where counts_until <= clock_timestamp()";

  private final DataSource dataSource;
  private final Ticker ticker;
  private final long leaseMicros;
  private final LocalRateLimiters local = new LocalRateLimiters();
  private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private volatile long lastPrune = System.nanoTime();
  private ScheduledFuture<?> renewal; // guarded by this
  private boolean halted; // guarded by this

  /** A limiter whose in-flight permits count for {@code lease} past their last renewal. */
  public DatabaseRateLimiter(DataSource dataSource, Duration lease) {
    this(dataSource, lease, Ticker.SYSTEM);
  }

  /** With the wait between two asks given (tests count the waits without sleeping). */
  DatabaseRateLimiter(DataSource dataSource, Duration lease, Ticker ticker) {
    this.ticker = ticker;
    this.dataSource = dataSource;
    this.leaseMicros = lease.toNanos() / 1_000;
    if (leaseMicros < 1_000) {
      throw new IllegalArgumentException("the lease must be at least a millisecond");
    }
  }

  /**
   * The engine's default: this limiter on PostgreSQL; on any other database (H2 in dev mode runs a
   * single node) this JVM's, since only PostgreSQL has the advisory locks it needs.
   */
  public static RateLimiter defaultFor(DataSource dataSource) {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new ReportEngineException("cannot reach the database: " + e.getMessage(), e);
    }
    if (product.toLowerCase(Locale.ROOT).contains("postgresql")) {
      return new DatabaseRateLimiter(dataSource, DEFAULT_LEASE);
    }
    LOG.info("Delivery rate limits are kept per node: {} is not PostgreSQL", product);
    return LocalRateLimiters.JVM;
  }

  @Override
  public Permit acquire(String key, RateLimit limit) throws InterruptedException {
    RateLimiter.Permit mine = local.acquire(key, limit);
    try {
      String hashed = hash(key);
      ReentrantLock turn = turn(hashed);
      turn.lockInterruptibly();
      try {
        while (true) {
          long waitNanos = tryGrant(hashed, limit);
          if (waitNanos < 0) {
            return new Permit(-waitNanos, limit, mine);
          }
          ticker.sleep(Duration.ofNanos(waitNanos));
        }
      } finally {
        turn.unlock();
      }
    } catch (InterruptedException | RuntimeException e) {
      mine.close();
      throw e;
    }
  }

  /** The granted permit's id, negated; or how long to wait before asking again. */
  private long tryGrant(String hashed, RateLimit limit) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        long result = grantOrWait(c, hashed, limit);
        c.commit();
        if (result < 0) {
          track(-result);
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DeliveryException(
          "rate_limiter",
          "could not take a rate limit permit from the database: " + e.getMessage(),
          false,
          null);
    } finally {
      pruneNowAndThen();
    }
  }

  private long grantOrWait(Connection c, String hashed, RateLimit limit) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(LOCK)) {
      lock.setLong(1, lockId(hashed));
      lock.execute();
    }
    long counted;
    double secondsToFirstExpiry;
    try (PreparedStatement window = c.prepareStatement(WINDOW)) {
      window.setString(1, hashed);
      window.setString(2, hashed);
      try (ResultSet rs = window.executeQuery()) {
        rs.next();
        counted = rs.getLong(1);
        secondsToFirstExpiry = rs.getDouble(2);
      }
    }
    if (counted < limit.permits()) {
      try (PreparedStatement grant = c.prepareStatement(GRANT)) {
        grant.setString(1, hashed);
        grant.setLong(2, leaseMicros);
        try (ResultSet rs = grant.executeQuery()) {
          rs.next();
          return -rs.getLong(1);
        }
      }
    }
    // A slot frees when the first counted permit stops counting: an ended one a window after its
    // answer, an in-flight one when its lease runs out (a dead node's) or, at the soonest, a window
    // after an answer still to come. Asking again then, and not before, spares the database.
    long firstExpiry = (long) (secondsToFirstExpiry * 1e9);
    return Math.max(Math.min(firstExpiry, limit.per().toNanos()), 0) + MIN_WAIT_NANOS;
  }

  private void release(long id, RateLimit limit) {
    synchronized (this) {
      inFlight.remove(id);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement end = c.prepareStatement(RELEASE)) {
      end.setLong(1, limit.per().toNanos() / 1_000);
      end.setLong(2, id);
      end.executeUpdate();
    } catch (SQLException e) {
      // the permit keeps counting until its lease is out: late, never early
      LOG.warn("Could not end a rate limit permit; it counts until its lease expires", e);
    }
  }

  private synchronized void track(long id) {
    inFlight.add(id);
    if (renewal == null && !halted) {
      long every = Math.max(leaseMicros / 3, 1_000);
      renewal = RENEWER.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MICROSECONDS);
    }
  }

  private void renew() {
    Long[] ids;
    synchronized (this) {
      if (inFlight.isEmpty()) {
        if (renewal != null) {
          renewal.cancel(false);
          renewal = null;
        }
        return;
      }
      ids = inFlight.toArray(Long[]::new);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement renew = c.prepareStatement(RENEW)) {
      renew.setLong(1, leaseMicros);
      renew.setArray(2, c.createArrayOf("bigint", ids));
      renew.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Could not renew {} in-flight rate limit permits", ids.length, e);
    }
  }

  /** Stops renewing, as a node that dies does: for tests. */
  synchronized void halt() {
    halted = true;
    if (renewal != null) {
      renewal.cancel(false);
      renewal = null;
    }
  }

  /** Rows of keys no longer used are pruned by someone now and then; any node may. */
  private void pruneNowAndThen() {
    long now = System.nanoTime();
    if (now - lastPrune < PRUNE_EVERY_NANOS) {
      return;
    }
    lastPrune = now;
    try (Connection c = dataSource.getConnection();
        PreparedStatement prune = c.prepareStatement(PRUNE)) {
      prune.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("Could not prune spent rate limit permits", e);
    }
  }

  private ReentrantLock turn(String hashed) {
    if (turns.size() > EVICT_ABOVE) {
      turns.values().removeIf(t -> !t.isLocked() && !t.hasQueuedThreads());
    }
    return turns.computeIfAbsent(hashed, k -> new ReentrantLock(true));
  }

  /** The key as stored: a hash, so not even a hash of a credential reaches the table as is. */
  static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(("rate-limit:" + key).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The advisory lock of a key; two keys sharing one only take turns. */
  private static long lockId(String hashed) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hashed, 0, 16)).getLong();
  }

  /** A permit granted by the database, over this node's own. */
  private final class Permit implements RateLimiter.Permit {
    private final long id;
    private final RateLimit limit;
    private final RateLimiter.Permit mine;
    private boolean closed;

    Permit(long id, RateLimit limit, RateLimiter.Permit mine) {
      this.id = id;
      this.limit = limit;
      this.mine = mine;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        try {
          release(id, limit);
        } finally {
          mine.close();
        }
      }
    }
  }
}
