package dev.reports.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.service.config.ChannelModes;
import dev.reports.service.schedule.ManualRunRefusedException;
import dev.reports.service.schedule.ScheduleQuotaExceededException;
import dev.reports.service.schedule.Schedules;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.router.RoutingApi;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: {@code /v1/report-schedules} (docs/api.md), {@code /metrics} and {@code
 * /openapi.json}, with problem+json errors, the access log and HTTP metrics. Plug it into the
 * service's Javalin:
 *
 * <pre>{@code
 * ApiModule api = new ApiModule(dsl, engine, jwtSecret, prometheusRegistry);
 * Javalin app = Javalin.create(config -> api.register(config));
 * // or, on a created Javalin before it starts:
 * api.register(app);
 * }</pre>
 *
 * <p>It installs the request logger and the exception handlers of the whole server, so that every
 * error — an unknown route included — is answered as {@code application/problem+json}.
 */
public final class ApiModule {
  private static final Logger log = LoggerFactory.getLogger(ApiModule.class);
  static final String OPENAPI_RESOURCE = "/dev/reports/service/api/openapi.json";
  static final String PROBLEM_JSON = "application/problem+json";

  /** The slowest a request body may arrive; 64 KiB then takes at most a minute. */
  static final long MIN_BODY_BYTES_PER_SECOND = 1_024;

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ObjectMapper mapper = Json.mapper();
  private final PrometheusMeterRegistry registry;
  private final ScheduleRoutes routes;
  private final byte[] openApi;

  /**
   * @param dsl the database, schedules and users included
   * @param engine the engine that holds the schedules' triggers
   * @param jwtSecret the HS256 secret of API tokens, at least 32 bytes
   * @param registry where HTTP metrics go and what {@code /metrics} shows; share it with the engine
   */
  public ApiModule(
      DSLContext dsl, ReportEngine engine, String jwtSecret, PrometheusMeterRegistry registry) {
    this(
        dsl,
        engine,
        jwtSecret,
        registry,
        ChannelModes.PROVIDERS,
        Schedules.DEFAULT_MAX_SCHEDULES_PER_ORGANIZATION);
  }

  /**
   * As above, on a service whose channels deliver as {@code channels} say (a schedule may not
   * enable a channel that is off), whose organizations may hold at most {@code
   * maxSchedulesPerOrganization} schedules ({@code REPORTS_MAX_SCHEDULES_PER_ORG}; a create past it
   * is 409).
   */
  public ApiModule(
      DSLContext dsl,
      ReportEngine engine,
      String jwtSecret,
      PrometheusMeterRegistry registry,
      ChannelModes channels,
      int maxSchedulesPerOrganization) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Authenticator authenticator =
        new Authenticator(dsl, Objects.requireNonNull(jwtSecret, "jwtSecret"));
    this.routes =
        new ScheduleRoutes(
            new Schedules(dsl, engine, channels, maxSchedulesPerOrganization),
            authenticator,
            mapper);
    this.openApi = resource(OPENAPI_RESOURCE);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Adds the routes, exception handlers and request logger to a Javalin being configured. */
  public void register(JavalinConfig config) {
    // a known path asked with a method it does not take: 405 with Allow, not 404
    config.http.prefer405over404 = true;
    config.requestLogger.http(new RequestLog(registry));
    config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(mapper)));
    config.jetty.modifyHttpConfiguration(ApiModule::limitSlowClients);
    config.router.mount(this::addRoutes);
  }

  /**
   * Adds the routes, exception handlers and request logger to a created, not yet started Javalin
   * (the request logger is read per request and Jetty is built at start, so both take effect).
   */
  public void register(Javalin app) {
    app.unsafeConfig().http.prefer405over404 = true;
    app.unsafeConfig().requestLogger.http(new RequestLog(registry));
    app.unsafeConfig()
        .jetty
        .modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(mapper)));
    app.unsafeConfig().jetty.modifyHttpConfiguration(ApiModule::limitSlowClients);
    addRoutes(app);
  }

  /**
   * A body must arrive at {@link #MIN_BODY_BYTES_PER_SECOND} at least, measured from its first
   * byte: a client trickling it a byte at a time is cut off with 408 instead of holding a thread
   * for as long as it likes. (How many bodies are read at once is bounded by {@link Bodies}.)
   */
  private static void limitSlowClients(HttpConfiguration http) {
    http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
  }

  private <T extends RoutingApi> void addRoutes(JavalinDefaultRoutingApi<T> router) {
    router.post(ScheduleRoutes.SCHEDULES, routes::create);
    router.get(ScheduleRoutes.SCHEDULES, routes::list);
    router.get(ScheduleRoutes.SCHEDULE, routes::read);
    router.patch(ScheduleRoutes.SCHEDULE, routes::update);
    router.delete(ScheduleRoutes.SCHEDULE, routes::delete);
    router.post(ScheduleRoutes.SCHEDULE + "/run", routes::run);
    router.get(ScheduleRoutes.SCHEDULE + "/upcoming", routes::upcoming);
    router.get(ScheduleRoutes.SCHEDULE + "/notifications", routes::notifications);
    router.get(ScheduleRoutes.SCHEDULE + "/runs", routes::runs);
    router.get(ScheduleRoutes.RUN, routes::reportRun);
    router.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    router.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));

    router.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
    router.exception(
        InvalidScheduleException.class, (e, ctx) -> problem(ctx, ApiProblem.invalid(e.errors())));
    router.exception(
        ScheduleQuotaExceededException.class,
        (e, ctx) -> problem(ctx, ApiProblem.quota(e.getMessage())));
    router.exception(
        ManualRunRefusedException.class,
        (e, ctx) ->
            problem(
                ctx,
                e.runningRunId() != null
                    ? ApiProblem.runInProgress(e.runningRunId(), e.getMessage())
                    : ApiProblem.tooManyRuns(e.retryAfter().toSeconds(), e.getMessage())));
    router.exception(HttpResponseException.class, this::httpProblem);
    router.exception(
        Exception.class,
        (e, ctx) -> {
          if (DatabaseOutage.causedBy(e)) {
            log.warn("{} {}: database unreachable: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            problem(ctx, ApiProblem.databaseUnavailable());
            return;
          }
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          problem(
              ctx,
              ApiProblem.of(
                  500,
                  "Internal Server Error",
                  "The request failed on the server; the failure is logged"));
        });
  }

  private void httpProblem(HttpResponseException e, Context ctx) {
    if (e.getStatus() == 405) {
      String allow = e.getDetails().getOrDefault("availableMethods", "");
      ctx.header("Allow", allow);
      problem(
          ctx,
          ApiProblem.of(
              405,
              "Method Not Allowed",
              ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allow));
      return;
    }
    problem(
        ctx,
        ApiProblem.of(
            e.getStatus(), HttpStatus.forStatus(e.getStatus()).getMessage(), e.getMessage()));
  }

  private void problem(Context ctx, ApiProblem problem) {
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"report-schedules\"");
    }
    problem.headers().forEach(ctx::header);
    try {
      ctx.status(problem.status())
          .contentType(PROBLEM_JSON)
          .result(mapper.writeValueAsBytes(problem.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a problem", e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiModule.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
