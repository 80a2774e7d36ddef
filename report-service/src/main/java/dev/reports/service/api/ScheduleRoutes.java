package dev.reports.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.schedule.Keyset;
import dev.reports.service.schedule.ManualRun;
import dev.reports.service.schedule.Notification;
import dev.reports.service.schedule.Page;
import dev.reports.service.schedule.ReportRun;
import dev.reports.service.schedule.RunDetail;
import dev.reports.service.schedule.Schedules;
import dev.reports.service.schedule.StoredSchedule;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The handlers of {@code /v1/report-schedules}: authenticate, read the request, answer. */
final class ScheduleRoutes {
  static final String SCHEDULES = "/v1/report-schedules";
  static final String SCHEDULE = SCHEDULES + "/{id}";
  static final String RUN = "/v1/report-runs/{id}";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final int DEFAULT_UPCOMING = 5;
  static final int MAX_UPCOMING = 100;
  static final String CALLER = "reports.caller";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final int MAX_IDEMPOTENCY_KEY = 100;

  private final Schedules schedules;
  private final Authenticator authenticator;
  private final Bodies bodies;
  private final ObjectMapper mapper;

  ScheduleRoutes(Schedules schedules, Authenticator authenticator, ObjectMapper mapper) {
    this.schedules = schedules;
    this.authenticator = authenticator;
    this.bodies = new Bodies(mapper);
    this.mapper = mapper;
  }

  void create(Context ctx) {
    Caller caller = caller(ctx);
    StoredSchedule created =
        schedules.create(caller.organizationId(), caller.userId(), bodies.create(ctx));
    ctx.header("Location", SCHEDULES + "/" + created.id());
    json(ctx, 201, ScheduleView.of(created));
  }

  void list(Context ctx) {
    Caller caller = caller(ctx);
    Optional<UUID> sharedLinkId =
        Optional.ofNullable(ctx.queryParam("shared_link_id")).map(ScheduleRoutes::queryUuid);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Keyset> after = Cursors.decode(Cursors.SCHEDULES, ctx.queryParam("cursor"));
    Page<StoredSchedule> page = schedules.list(caller.organizationId(), sharedLinkId, after, limit);
    json(ctx, 200, page(page, Cursors.SCHEDULES, ScheduleView::of));
  }

  void read(Context ctx) {
    Caller caller = caller(ctx);
    StoredSchedule schedule =
        schedules.find(caller.organizationId(), id(ctx)).orElseThrow(ApiProblem::notFound);
    json(ctx, 200, ScheduleView.of(schedule));
  }

  void update(Context ctx) {
    Caller caller = caller(ctx);
    UUID id = id(ctx);
    StoredSchedule updated =
        schedules
            .update(caller.organizationId(), id, bodies.patch(ctx))
            .orElseThrow(ApiProblem::notFound);
    json(ctx, 200, ScheduleView.of(updated));
  }

  void delete(Context ctx) {
    Caller caller = caller(ctx);
    if (!schedules.delete(caller.organizationId(), id(ctx))) {
      throw ApiProblem.notFound();
    }
    ctx.status(204);
  }

  void run(Context ctx) {
    Caller caller = caller(ctx);
    UUID id = id(ctx);
    String key = idempotencyKey(ctx);
    ManualRun run =
        schedules.runNow(caller.organizationId(), id, key).orElseThrow(ApiProblem::notFound);
    if (run.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    json(ctx, 202, new Views.RunStarted(run.runId()));
  }

  /** The {@code Idempotency-Key} header: absent, or 1 to 100 printable ASCII characters. */
  private static String idempotencyKey(Context ctx) {
    String key = ctx.header(IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
      throw ApiProblem.invalid(
          IDEMPOTENCY_KEY, "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters long");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw ApiProblem.invalid(IDEMPOTENCY_KEY, "must be printable ASCII characters");
      }
    }
    return key;
  }

  void upcoming(Context ctx) {
    Caller caller = caller(ctx);
    UUID id = id(ctx);
    int count = intParam(ctx, "count", DEFAULT_UPCOMING, MAX_UPCOMING);
    json(
        ctx,
        200,
        new Views.UpcomingRuns(
            schedules
                .upcoming(caller.organizationId(), id, count)
                .orElseThrow(ApiProblem::notFound)));
  }

  void notifications(Context ctx) {
    Caller caller = caller(ctx);
    UUID id = id(ctx);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Keyset> after = Cursors.decode(Cursors.NOTIFICATIONS, ctx.queryParam("cursor"));
    Page<Notification> page =
        schedules
            .notifications(caller.organizationId(), id, after, limit)
            .orElseThrow(ApiProblem::notFound);
    json(ctx, 200, page(page, Cursors.NOTIFICATIONS, this::view));
  }

  void runs(Context ctx) {
    Caller caller = caller(ctx);
    UUID id = id(ctx);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    Optional<Keyset> after = Cursors.decode(Cursors.RUNS, ctx.queryParam("cursor"));
    Page<ReportRun> page =
        schedules.runs(caller.organizationId(), id, after, limit).orElseThrow(ApiProblem::notFound);
    json(ctx, 200, page(page, Cursors.RUNS, r -> RunView.of(r, null)));
  }

  void reportRun(Context ctx) {
    Caller caller = caller(ctx);
    RunDetail detail =
        schedules.run(caller.organizationId(), id(ctx)).orElseThrow(ApiProblem::notFound);
    json(ctx, 200, RunView.of(detail.run(), detail.deliveries().stream().map(this::view).toList()));
  }

  private Caller caller(Context ctx) {
    Caller caller = authenticator.authenticate(ctx.header("Authorization"));
    ctx.attribute(CALLER, caller);
    return caller;
  }

  private NotificationView view(Notification n) {
    JsonNode payload;
    try {
      payload = mapper.readTree(n.payloadJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("payload of notification " + n.id() + " is not JSON", e);
    }
    return new NotificationView(
        n.id(),
        n.runId(),
        n.channel().code(),
        n.userId(),
        n.telegramChatId(),
        n.status(),
        Redaction.scrub(payload),
        n.createdAt(),
        n.updatedAt());
  }

  private static <T, V> Views.ItemsPage<V> page(Page<T> page, String list, Function<T, V> view) {
    List<V> items = page.items().stream().map(view).toList();
    return new Views.ItemsPage<>(items, page.next().map(k -> Cursors.encode(list, k)).orElse(null));
  }

  private void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the response", e);
    }
  }

  /** A malformed id names no schedule: 404, like any other id that is not the caller's. */
  private static UUID id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      if (raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // falls through to 404
    }
    throw ApiProblem.notFound();
  }

  private static UUID queryUuid(String raw) {
    try {
      if (raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    throw ApiProblem.malformed(
        "shared_link_id must be a UUID",
        List.of(new dev.reports.engine.schedule.FieldError("shared_link_id", "must be a UUID")));
  }

  private static int intParam(Context ctx, String name, int defaultValue, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return defaultValue;
    }
    // ASCII digits only: Integer.parseInt would also take "+5" and digits of other scripts
    if (!raw.matches("-?[0-9]{1,18}")) {
      if (raw.matches("-?[0-9]+")) {
        throw ApiProblem.invalid(name, "must be between 1 and " + max);
      }
      throw ApiProblem.malformed(
          name + " must be an integer",
          List.of(new dev.reports.engine.schedule.FieldError(name, "must be an integer")));
    }
    long value = Long.parseLong(raw);
    if (value < 1 || value > max) {
      throw ApiProblem.invalid(name, "must be between 1 and " + max);
    }
    return (int) value;
  }
}
