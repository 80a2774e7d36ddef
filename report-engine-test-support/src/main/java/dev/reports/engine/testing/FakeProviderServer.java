package dev.reports.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the fake providers share: an HTTP server on loopback that keeps every request it gets and
 * what it accepted, answering a request with the next scripted reply, else with what the gate says,
 * else as the provider would.
 *
 * <p>It is a JUnit 5 extension: in a {@code static} {@code @RegisterExtension} field it serves the
 * test class and stops after its last test; in an instance field, one test. It can also be used on
 * its own and {@linkplain #close() closed}.
 *
 * @param <S> the server itself, for chaining
 * @param <Q> one request as the provider saw it
 * @param <R> a scripted reply
 */
public abstract class FakeProviderServer<S extends FakeProviderServer<S, Q, R>, Q, R>
    implements AutoCloseable, BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private final MockWebServer server = new MockWebServer();
  private volatile boolean perClass;
  private final Queue<R> script = new ConcurrentLinkedQueue<>();
  private volatile Function<Q, R> gate = request -> null;
  final List<Q> requests = new CopyOnWriteArrayList<>();
  final List<Q> delivered = new CopyOnWriteArrayList<>();

  FakeProviderServer() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The provider's answer to one request. */
  abstract MockResponse answer(RecordedRequest request);

  /** The base URL to configure in place of the provider's, without a trailing slash. */
  public String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The next requests get these answers, one each. */
  @SafeVarargs
  public final S failNext(R... replies) {
    script.addAll(List.of(replies));
    return self();
  }

  /**
   * Asks {@code gate} about every request no scripted reply answers: a reply it returns is sent
   * instead of the normal answer (rate limits, injected faults), {@code null} lets it through.
   */
  public S gate(Function<Q, R> gate) {
    this.gate = gate;
    return self();
  }

  /** Every request received, in order, including rejected ones. */
  public List<Q> requests() {
    return List.copyOf(requests);
  }

  /** What the provider accepted, in order. */
  public List<Q> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true; // only a static field's extension is called before all tests
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next scripted reply, else the gate's; {@code null}: answer as the provider would. */
  final R scriptedOrGated(Q request) {
    R scripted = script.poll();
    return scripted != null ? scripted : gate.apply(request);
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }
}
