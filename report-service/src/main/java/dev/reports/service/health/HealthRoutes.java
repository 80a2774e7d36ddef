package dev.reports.service.health;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health/live} (the process serves HTTP) and {@code GET /health/ready} (every readiness
 * check passes now: 200, else 503), for load balancers and orchestrators. Both are public and
 * answer JSON.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  public static void register(Javalin http, Readiness readiness) {
    register(http, readiness, Map.of());
  }

  /**
   * As {@link #register(Javalin, Readiness)}, and {@code /health/ready} also shows how each channel
   * delivers, e.g. {@code "channels": {"email": "provider", "telegram": "off"}}.
   */
  public static void register(Javalin http, Readiness readiness, Map<String, String> channels) {
    // in the caller's order: email, then Telegram
    Map<String, String> modes = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    http.get("/health/live", ctx -> answer(ctx, HttpStatus.OK, Map.of("status", "up")));
    http.get("/health/ready", ctx -> ready(ctx, readiness.check(), modes));
  }

  private static void ready(Context ctx, Readiness.Report report, Map<String, String> channels) {
    List<Map<String, Object>> checks = report.checks().stream().map(HealthRoutes::outcome).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.ready() ? "ready" : "not_ready");
    body.put("checks", checks);
    if (!channels.isEmpty()) {
      body.put("channels", channels);
    }
    answer(ctx, report.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body);
  }

  private static Map<String, Object> outcome(Readiness.Outcome outcome) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("name", outcome.name());
    check.put("status", outcome.ready() ? "up" : "down");
    if (!outcome.ready()) {
      check.put("detail", outcome.detail());
    }
    check.put("duration_ms", outcome.took().toMillis());
    return check;
  }

  private static void answer(Context ctx, HttpStatus status, Object body) {
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).json(body);
  }
}
