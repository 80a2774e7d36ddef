package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.schedule.ScheduleInput;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI document describes exactly the API that runs, and docs/ holds the same document. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static JsonNode doc;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    Response r = api.get("/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    doc = r.json();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void isOpenApi31() {
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText())
        .isEqualTo("bearer");
  }

  @Test
  void docsHoldTheSameDocument() throws IOException {
    byte[] served;
    try (var in = ApiModule.class.getResourceAsStream(ApiModule.OPENAPI_RESOURCE)) {
      served = in.readAllBytes();
    }
    Path docs = Path.of("..", "docs", "openapi.json");
    assertThat(Files.readAllBytes(docs))
        .as("docs/openapi.json must equal the served document; copy " + ApiModule.OPENAPI_RESOURCE)
        .isEqualTo(served);
  }

  @Test
  void everyDocumentedOperationIsARouteAndEveryRouteIsDocumented() {
    Set<String> documented = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    Set<String> registered = new TreeSet<>();
    api.routes.stream()
        .filter(
            r ->
                r.getHttpMethod().isHttpMethod()
                    && r.getHttpMethod() != HandlerType.HEAD
                    && r.getHttpMethod() != HandlerType.OPTIONS)
        .forEach(r -> registered.add(r.getHttpMethod().name() + " " + r.getPath()));

    assertThat(registered).isNotEmpty().isEqualTo(documented);
  }

  @Test
  void everyDocumentedOperationAnswersSomethingOtherThanANoRoute404() {
    String id = UUID.randomUUID().toString();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (!METHODS.contains(method)) {
                            return;
                          }
                          Response r =
                              api.send(
                                  method.toUpperCase(Locale.ROOT),
                                  path.getKey().replace("{id}", id),
                                  null,
                                  method.equals("get") || method.equals("delete") ? null : "{}");
                          assertThat(r.status()).as(method + " " + path.getKey()).isIn(200, 401);
                          JsonNode responses = path.getValue().get(method).get("responses");
                          assertThat(responses.has(Integer.toString(r.status())))
                              .as(method + " " + path.getKey() + " documents " + r.status())
                              .isTrue();
                        }));
  }

  @Test
  void theScheduleSchemaHasExactlyTheFieldsOfAnAnsweredSchedule() {
    Org org = api.data.org("Doc");
    Response r =
        api.post(
            "/v1/report-schedules",
            Tokens.valid(org.admin()),
            ScheduleBody.daily(org.link())
                .with("send_email", true)
                .recipients(ScheduleBody.email(org.admin()))
                .json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);

    assertThat(properties("Schedule")).isEqualTo(keys(r.json()));
    assertThat(required("Schedule")).isEqualTo(keys(r.json()));
    assertThat(properties("Recipient")).containsAll(keys(r.json().get("recipients").get(0)));
  }

  @Test
  void theWriteSchemasHaveExactlyTheFieldsTheServerReads() {
    Set<String> input = snake(ScheduleInput.class.getRecordComponents());
    assertThat(properties("ScheduleWrite")).isEqualTo(input);
    // a patch may also carry the read-only fields, as a read schedule sent back does
    Set<String> patch = new java.util.HashSet<>(input);
    patch.addAll(dev.reports.service.schedule.ScheduleFields.READ_ONLY);
    assertThat(properties("SchedulePatch")).isEqualTo(patch);
    assertThat(properties("RecipientWrite"))
        .isEqualTo(snake(ScheduleInput.RecipientInput.class.getRecordComponents()));
    assertThat(doc.at("/components/schemas/ScheduleWrite/additionalProperties").asBoolean(true))
        .isFalse();
    assertThat(doc.at("/components/schemas/SchedulePatch/additionalProperties").asBoolean(true))
        .isFalse();
    assertThat(doc.at("/components/schemas/RecipientWrite/additionalProperties").asBoolean(true))
        .isFalse();
  }

  @Test
  void theOtherSchemasHaveExactlyTheFieldsTheServerWrites() {
    assertThat(properties("Notification"))
        .isEqualTo(snake(NotificationView.class.getRecordComponents()));
    assertThat(properties("Problem")).isEqualTo(snake(ApiProblem.Body.class.getRecordComponents()));
    assertThat(properties("FieldError")).isEqualTo(Set.of("field", "message"));
    assertThat(properties("RunStarted"))
        .isEqualTo(snake(Views.RunStarted.class.getRecordComponents()));
    assertThat(properties("UpcomingRuns"))
        .isEqualTo(snake(Views.UpcomingRuns.class.getRecordComponents()));
    assertThat(properties("ScheduleList"))
        .isEqualTo(snake(Views.ItemsPage.class.getRecordComponents()));
    assertThat(properties("NotificationList"))
        .isEqualTo(snake(Views.ItemsPage.class.getRecordComponents()));
  }

  @Test
  void theDocumentedLimitsAreTheImplementedOnes() {
    assertThat(doc.at("/components/parameters/Limit/schema/maximum").asInt())
        .isEqualTo(ScheduleRoutes.MAX_LIMIT);
    assertThat(doc.at("/components/parameters/Limit/schema/default").asInt())
        .isEqualTo(ScheduleRoutes.DEFAULT_LIMIT);
    assertThat(doc.at("/components/parameters/Count/schema/maximum").asInt())
        .isEqualTo(ScheduleRoutes.MAX_UPCOMING);
    assertThat(doc.at("/components/parameters/Count/schema/default").asInt())
        .isEqualTo(ScheduleRoutes.DEFAULT_UPCOMING);
    assertThat(doc.at("/components/schemas/ScheduleWrite/properties/recipients/maxItems").asInt())
        .isEqualTo(100);
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref")) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }

  private static Set<String> properties(String schema) {
    return keys(doc.at("/components/schemas/" + schema + "/properties"));
  }

  private static Set<String> required(String schema) {
    Set<String> required = new HashSet<>();
    doc.at("/components/schemas/" + schema + "/required").forEach(n -> required.add(n.asText()));
    return required;
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new HashSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<String> snake(java.lang.reflect.RecordComponent[] components) {
    Set<String> names = new HashSet<>();
    Arrays.stream(components)
        .forEach(c -> names.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT)));
    return names;
  }
}
