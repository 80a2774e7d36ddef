package dev.reports.service;

import dev.reports.engine.ReportEngine;
import dev.reports.service.api.ApiModule;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.service.config.Setting;
import dev.reports.service.dev.DemoData;
import dev.reports.service.dev.DevWelcome;
import dev.reports.service.health.DatabaseCheck;
import dev.reports.service.health.HealthRoutes;
import dev.reports.service.health.Readiness;
import dev.reports.service.health.ReadinessCheck;
import dev.reports.service.health.ReadinessCheck.Status;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service, wired: database, report engine, HTTP. {@link #start} brings the parts up in order
 * and {@link #close} takes them down in reverse: HTTP stops taking requests first, the database
 * pool closes last.
 */
public final class Application implements AutoCloseable {
  /** How long in-flight HTTP requests get to finish when the service stops. */
  static final Duration HTTP_STOP_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final ServiceConfig config;
  private final Clock clock;
  private final Readiness readiness = new Readiness();
  private final Deque<Part> started = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Database database;
  private ReportEngine engine;
  private Javalin http;

  private Application(ServiceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts every part; {@code dev} also seeds the demo data and prints its welcome to {@code
   * console}. A part that fails stops those already started, then the {@link StartupException}
   * propagates.
   */
  public static Application start(ServiceConfig config, PrintStream console) {
    Application application = new Application(config, Clock.systemUTC());
    try {
      application.startParts(console);
      return application;
    } catch (RuntimeException | Error e) {
      application.close();
      throw e;
    }
  }

  private void startParts(PrintStream console) {
    log.info(
        "Starting Scheduled Reports in {} mode as node {}",
        config.mode().command(),
        config.nodeId());
    started.push(new Part("readiness checks", readiness));

    database = Database.open(config.database());
    started.push(new Part("database pool", database));
    readiness.add(new DatabaseCheck(database.dataSource()));
    started.push(new Part("metrics", ServiceMeters.bind(meters, database.dataSource())));
    if (config.mode() == Mode.DEV && DemoData.seedOnce(database.dsl(), clock)) {
      log.info("Seeded the demo organization with {} videos", DemoData.VIDEO_COUNT);
    }

    engine = ReportEngines.build(config, database, meters);
    engine.start();
    started.push(new Part("report engine", engine));
    readiness.add(
        ReadinessCheck.of(
            "scheduler",
            () -> engine.isRunning() ? Status.up() : Status.down("the scheduler is not running")));

    http = Javalin.create(this::configureHttp);
    HealthRoutes.register(http, readiness, config.channels().codes());
    new ApiModule(
            database.apiDsl(),
            engine,
            config.jwtSecret().reveal(),
            meters,
            config.channels(),
            config.maxSchedulesPerOrg())
        .register(http);

    startHttp();
    started.push(new Part("HTTP server", http::stop));
    log.info("Serving HTTP on http://{}:{}", config.http().host(), http.port());
    if (config.mode() == Mode.DEV) {
      DevWelcome.print(console, config, http.port(), clock.instant());
    }
  }

  private void configureHttp(JavalinConfig javalin) {
    javalin.showJavalinBanner = false;
    javalin.jetty.modifyServer(
        // lets requests in flight finish when the server stops, instead of cutting them; the
        // stop timeout that turns it on is set once the server runs (see startHttp)
        server -> server.setHandler(new StatisticsHandler()));
  }

  private void startHttp() {
    try {
      http.start(config.http().host(), config.http().port());
      // set only now: a graceful stop of a server that failed to bind would hide why it failed
      http.jettyServer().server().setStopTimeout(HTTP_STOP_TIMEOUT.toMillis());
    } catch (JavalinBindException e) {
      if (cannotAssign(e)) {
        throw new StartupException(
            StartupException.CONFIG,
            Setting.HTTP_HOST
                + ": cannot bind "
                + config.http().host()
                + ": not an address of this host",
            e);
      }
      throw new StartupException(
          StartupException.CONFIG,
          Setting.HTTP_PORT
              + ": port "
              + config.http().port()
              + " on "
              + config.http().host()
              + " is already in use",
          e);
    }
  }

  private static boolean cannotAssign(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Cannot assign requested address")) {
        return true;
      }
    }
    return false;
  }

  public ServiceConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public ReportEngine engine() {
    return engine;
  }

  /** The readiness checks behind {@code /health/ready}; add one per part that must be up. */
  public Readiness readiness() {
    return readiness;
  }

  /** The port HTTP listens on (the chosen one when the configuration said 0). */
  public int httpPort() {
    return http.port();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops every started part, last started first; safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping");
    while (!started.isEmpty()) {
      Part part = started.pop();
      try {
        part.resource().close();
      } catch (Exception | Error e) {
        log.warn("Stopping the {} failed", part.name(), e);
      }
    }
    log.info("Stopped");
    stopped.countDown();
  }

  private record Part(String name, AutoCloseable resource) {}
}
