package dev.reports.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReport;
import dev.reports.engine.testing.FakeRunLog;
import dev.reports.service.Database;
import dev.reports.service.config.ChannelModes;
import dev.reports.service.health.DatabaseCheck;
import dev.reports.service.health.HealthRoutes;
import dev.reports.service.health.Readiness;
import dev.reports.service.schedule.JooqReportDefinitions;
import dev.reports.service.schedule.Schedules;
import dev.reports.service.testing.TestData;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The API as a client sees it: a real Javalin on a free port, the real engine on the test's
 * PostgreSQL database, and an HTTP client. One per test class.
 */
final class ApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final DSLContext dsl;
  final TestData data;
  final ReportEngine engine;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final List<HandlerMetaInfo> routes = new CopyOnWriteArrayList<>();
  private final Readiness readiness = new Readiness();
  private final Javalin app;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  static {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  /** How a test builds its engine: on this database, recording into this registry. */
  interface EngineSetup {
    ReportEngine.Builder builder(DataSource dataSource, DSLContext dsl, MeterRegistry registry);
  }

  /** The real engine with in-memory fakes for the run log, the report and its delivery. */
  static final EngineSetup FAKE_PIPELINE =
      (dataSource, dsl, registry) ->
          ReportEngine.builder(dataSource)
              .schedulerName("api-test-" + UUID.randomUUID())
              .threads(2)
              .reportDefinitions(new JooqReportDefinitions(dsl, link -> new FakeReport()))
              .recipients(new FakeRecipientResolver())
              .deliveryLog(new FakeDeliveryLog())
              .runLog(new FakeRunLog())
              .channel(new FakeDeliveryChannel(Channel.EMAIL))
              .channel(new FakeDeliveryChannel(Channel.TELEGRAM))
              .meterRegistry(registry);

  private ApiServer(
      DataSource dataSource,
      DataSource apiDataSource,
      EngineSetup engineSetup,
      int maxSchedulesPerOrg) {
    dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    data = new TestData(dsl);
    engine = engineSetup.builder(dataSource, dsl, registry).build();
    engine.start();
    ApiModule api =
        new ApiModule(
            apiDataSource == dataSource ? dsl : DSL.using(apiDataSource, SQLDialect.POSTGRES),
            engine,
            Tokens.SECRET,
            registry,
            ChannelModes.PROVIDERS,
            maxSchedulesPerOrg);
    // Wired like the Application: health routes and the API on a created Javalin.
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.events(events -> events.handlerAdded(routes::add));
            });
    readiness.add(new DatabaseCheck(dataSource));
    HealthRoutes.register(app, readiness);
    api.register(app);
    app.start("127.0.0.1", 0);
    base = URI.create("http://127.0.0.1:" + app.port());
  }

  static ApiServer start(DataSource dataSource) {
    return start(dataSource, FAKE_PIPELINE);
  }

  static ApiServer start(DataSource dataSource, EngineSetup engineSetup) {
    return new ApiServer(
        dataSource, dataSource, engineSetup, Schedules.DEFAULT_MAX_SCHEDULES_PER_ORGANIZATION);
  }

  /** Wired like the Application on the service's own pool: the API on its view of it. */
  static ApiServer start(Database database) {
    return new ApiServer(
        database.dataSource(),
        database.apiDataSource(),
        FAKE_PIPELINE,
        Schedules.DEFAULT_MAX_SCHEDULES_PER_ORGANIZATION);
  }

  /** A server whose organizations may hold at most {@code maxSchedulesPerOrg} schedules. */
  static ApiServer start(DataSource dataSource, int maxSchedulesPerOrg) {
    return new ApiServer(dataSource, dataSource, FAKE_PIPELINE, maxSchedulesPerOrg);
  }

  Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  Response post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  Response patch(String path, String token, String body) {
    return send("PATCH", path, token, body);
  }

  Response delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  Response send(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request.build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers(),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  @Override
  public void close() {
    app.stop();
    readiness.close();
    engine.stop(Duration.ofSeconds(5));
    registry.close();
  }

  /** An answer: status, content type, headers and body. */
  record Response(int status, String contentType, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }
}
