package dev.reports.engine.delivery;

/**
 * Where the delivery channels keep their providers' rate limits (docs/delivery.md): in this JVM, or
 * in the database every node of the cluster shares ({@link RateLimiters}). The engine gives its
 * channels the one its builder names.
 *
 * <p>Each request holds a {@link Permit} from just before it is sent until its answer is back, and
 * counts against the window for {@code per} after that. A new permit is granted only while fewer
 * than {@code permits} requests under the same key overlap the last {@code per}.
 */
public interface RateLimiter {
  /**
   * Blocks until a request under {@code key} (never a credential: the channels pass a hash of
   * theirs) may be sent within {@code limit}; close the permit once its answer is back.
   */
  Permit acquire(String key, RateLimit limit) throws InterruptedException;

  /** One request's hold on its key's window; closing it again does nothing. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}
