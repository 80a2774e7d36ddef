package dev.reports.service.api;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every request: one access-log line (method, path, status, time, caller — never a header, a
 * query string or a body, so no token can reach the log) and the {@code http.server.requests}
 * timer, tagged by route template rather than raw path to keep its series few.
 */
final class RequestLog implements RequestLogger {
  static final String ACCESS_LOGGER = "dev.reports.service.api.access";
  private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);

  private final MeterRegistry registry;

  RequestLog(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(Context ctx, Float millis) {
    int status = ctx.statusCode();
    Timer.builder("http.server.requests")
        .description("HTTP requests served, by route and status")
        .tag("method", ctx.method().name())
        .tag("uri", route(ctx))
        .tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    Caller caller = ctx.attribute(ScheduleRoutes.CALLER);
    access.info(
        "{} {} {} {}ms user={}",
        ctx.method().name(),
        ctx.path(),
        status,
        String.format(Locale.ROOT, "%.1f", millis),
        caller == null ? "-" : caller.userId());
  }

  private static String route(Context ctx) {
    String path;
    try {
      path = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      path = null;
    }
    if (path == null || path.isEmpty() || path.equals("*")) {
      return ctx.statusCode() == 404 ? "NOT_FOUND" : "UNKNOWN";
    }
    return path;
  }

  private static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    }
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
  }
}
