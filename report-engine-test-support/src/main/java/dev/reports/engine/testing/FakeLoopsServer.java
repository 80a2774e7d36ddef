package dev.reports.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * An in-process Loops transactional API ({@code POST /api/v1/transactional}, and the API key check
 * {@code GET /api/v1/api-key}) that answers like the real one: {@code {"success": true}}, or {@code
 * {"success": false, "message": "..."}} with 400, 401, 404, 409 ({@code "Idempotency key already
 * used."} for an {@code Idempotency-Key} used in the last 24 hours; another 409 can be scripted
 * with {@link Reply#conflict}) or 429; an HTML 413 from the edge for a body over its limit.
 *
 * <p>The next requests can be scripted ({@link #failNext}) or gated ({@link #gate}); either answers
 * only requests with the right API key. {@link Reply#acceptThenNoResponse()} accepts an email and
 * then never answers, like a response lost on the way back. Every request is kept, parsed, in
 * {@link #requests()}; the emails actually sent are in {@link #delivered()}.
 */
public final class FakeLoopsServer
    extends FakeProviderServer<FakeLoopsServer, FakeLoopsServer.Email, FakeLoopsServer.Reply> {
  public static final String DEFAULT_API_KEY = "d6f1c0a2b3e4f5a6b7c8d9e0f1a2b3c4";
  public static final String DEFAULT_TRANSACTIONAL_ID = "cm3reportsdelivery0001";

  /** One email attachment, decoded. */
  public record Attachment(String filename, String contentType, byte[] data) {
    @Override
    public String toString() {
      return filename + " (" + contentType + ", " + data.length + " bytes)";
    }
  }

  /** One request as Loops saw it. */
  public record Email(
      Map<String, String> headers,
      String transactionalId,
      String email,
      Map<String, Object> dataVariables,
      List<Attachment> attachments,
      String rawBody,
      boolean wellFormed,
      Instant receivedAt) {
    public String idempotencyKey() {
      return headers.get("idempotency-key");
    }

    /** Short: the raw body of a large attachment would drown any assertion message. */
    @Override
    public String toString() {
      return "Email[to="
          + email
          + ", transactionalId="
          + transactionalId
          + ", idempotencyKey="
          + idempotencyKey()
          + ", attachments="
          + attachments
          + ", body="
          + rawBody.length()
          + " chars]";
    }
  }

  /** A scripted answer to the next request. */
  public record Reply(
      int status, String body, String contentType, Map<String, String> headers, Kind kind) {
    enum Kind {
      ANSWER,
      NO_RESPONSE,
      ACCEPT_THEN_NO_RESPONSE
    }

    /** 429 with Loops' rate-limit headers and, when given, {@code Retry-After}. */
    public static Reply tooManyRequests(Integer retryAfterSeconds) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("x-ratelimit-limit", "10");
      headers.put("x-ratelimit-remaining", "0");
      if (retryAfterSeconds != null) {
        headers.put("Retry-After", retryAfterSeconds.toString());
      }
      return new Reply(
          429, error("Rate limit exceeded."), "application/json", headers, Kind.ANSWER);
    }

    public static Reply serverError() {
      return new Reply(
          500, error("Internal server error."), "application/json", Map.of(), Kind.ANSWER);
    }

    /**
     * A 409 that is not about the idempotency key (Loops also answers 409 to a request that
     * conflicts with the team's data, such as a contact already known under another user id).
     */
    public static Reply conflict(String message) {
      return new Reply(409, error(message), "application/json", Map.of(), Kind.ANSWER);
    }

    public static Reply badRequest(String message) {
      return new Reply(400, error(message), "application/json", Map.of(), Kind.ANSWER);
    }

    /** The edge rejecting a large body: an HTML page, not JSON. */
    public static Reply htmlTooLarge() {
      return new Reply(413, HTML_413, "text/html", Map.of(), Kind.ANSWER);
    }

    /** Reads the request and never answers, sending nothing. */
    public static Reply noResponse() {
      return new Reply(0, null, null, Map.of(), Kind.NO_RESPONSE);
    }

    /** Sends the email (and remembers its idempotency key), then never answers. */
    public static Reply acceptThenNoResponse() {
      return new Reply(0, null, null, Map.of(), Kind.ACCEPT_THEN_NO_RESPONSE);
    }
  }

  static final String HTML_413 =
      "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
          + "<center><h1>413 Request Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n";

  // real Loops takes attachments of many megabytes: lift Jackson's 20M-character string guard
  private static final ObjectMapper JSON =
      new ObjectMapper(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .streamReadConstraints(
                  com.fasterxml.jackson.core.StreamReadConstraints.builder()
                      .maxStringLength(Integer.MAX_VALUE)
                      .build())
              .build());
  private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  private final String apiKey;
  private final String transactionalId;
  private final Map<String, Instant> usedKeys = new ConcurrentHashMap<>();
  private final java.util.Set<String> otherTemplates = ConcurrentHashMap.newKeySet();
  private volatile long maxBodyBytes = 50L * 1024 * 1024;

  /**
   * A started Loops with the default API key and template: {@code @RegisterExtension static
   * FakeLoopsServer x = FakeLoopsServer.start();}
   */
  public static FakeLoopsServer start() {
    return new FakeLoopsServer();
  }

  public FakeLoopsServer() {
    this(DEFAULT_API_KEY, DEFAULT_TRANSACTIONAL_ID);
  }

  public FakeLoopsServer(String apiKey, String transactionalId) {
    this.apiKey = apiKey;
    this.transactionalId = transactionalId;
  }

  public String apiKey() {
    return apiKey;
  }

  public String transactionalId() {
    return transactionalId;
  }

  /** The team also has this transactional template (an alert's, say); others answer 404. */
  public FakeLoopsServer withTemplate(String transactionalId) {
    otherTemplates.add(transactionalId);
    return this;
  }

  /** Bodies larger than this get an HTML 413; default 50 MiB. */
  public FakeLoopsServer maxBodyBytes(long bytes) {
    this.maxBodyBytes = bytes;
    return this;
  }

  public List<Email> deliveredTo(String email) {
    return delivered.stream().filter(e -> email.equals(e.email())).toList();
  }

  @Override
  MockResponse answer(RecordedRequest request) {
    if ("/api/v1/api-key".equals(request.getPath()) && "GET".equals(request.getMethod())) {
      // Loops' API key check
      return ("Bearer " + apiKey).equals(request.getHeader("Authorization"))
          ? answer(200, "{\"success\":true,\"teamName\":\"Reports team\"}")
          : answer(
              401,
              "{\"success\":false,\"message\":\"Invalid API key\",\"error\":\"Invalid API key\"}");
    }
    if (!"/api/v1/transactional".equals(request.getPath())) {
      return answer(404, error("Not found."));
    }
    if (!"POST".equals(request.getMethod())) {
      return answer(405, error("Method not allowed."));
    }
    if (request.getBodySize() > maxBodyBytes) {
      return reply(Reply.htmlTooLarge());
    }
    Email email = parse(request);
    requests.add(email);
    if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
      return answer(401, error("Invalid API key"));
    }
    Reply scripted = scriptedOrGated(email);
    if (scripted != null && scripted.kind() == Reply.Kind.ANSWER) {
      return reply(scripted);
    }
    if (scripted != null && scripted.kind() == Reply.Kind.NO_RESPONSE) {
      return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }
    if (!email.wellFormed()) {
      return answer(400, error("Invalid JSON body."));
    }
    String key = email.idempotencyKey();
    if (key != null && key.length() > 100) {
      return answer(400, error("Idempotency-Key must be 100 characters or less."));
    }
    if (key != null) {
      Instant used = usedKeys.get(key);
      if (used != null && used.isAfter(Instant.now().minus(IDEMPOTENCY_WINDOW))) {
        return answer(409, error("Idempotency key already used."));
      }
    }
    if (email.email() == null || !email.email().contains("@")) {
      return answer(400, error("Invalid email address."));
    }
    if (email.transactionalId() == null) {
      return answer(400, error("transactionalId is required."));
    }
    if (!transactionalId.equals(email.transactionalId())
        && !otherTemplates.contains(email.transactionalId())) {
      return answer(404, error("Transactional email not found."));
    }
    for (Attachment attachment : email.attachments()) {
      if (attachment == null) {
        return answer(400, error("Invalid attachment."));
      }
    }
    if (key != null) {
      usedKeys.put(key, Instant.now());
    }
    delivered.add(email);
    if (scripted != null && scripted.kind() == Reply.Kind.ACCEPT_THEN_NO_RESPONSE) {
      return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }
    return answer(200, "{\"success\":true}");
  }

  private static Email parse(RecordedRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request.getHeaders().forEach(h -> headers.put(h.getFirst().toLowerCase(), h.getSecond()));
    String raw = request.getBody().clone().readUtf8();
    JsonNode json;
    try {
      json = JSON.readTree(raw);
    } catch (IOException e) {
      return new Email(headers, null, null, Map.of(), List.of(), raw, false, Instant.now());
    }
    List<Attachment> attachments = new ArrayList<>();
    for (JsonNode a : json.path("attachments")) {
      try {
        attachments.add(
            new Attachment(
                a.path("filename").asText(null),
                a.path("contentType").asText(null),
                Base64.getDecoder().decode(a.path("data").asText(""))));
      } catch (IllegalArgumentException badBase64) {
        attachments.add(null);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        json.has("dataVariables")
            ? JSON.convertValue(json.get("dataVariables"), Map.class)
            : Map.of();
    return new Email(
        headers,
        json.path("transactionalId").asText(null),
        json.path("email").asText(null),
        variables,
        attachments,
        raw,
        true,
        Instant.now());
  }

  private static MockResponse answer(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static MockResponse reply(Reply reply) {
    MockResponse response =
        new MockResponse()
            .setResponseCode(reply.status())
            .setHeader("Content-Type", reply.contentType())
            .setBody(reply.body());
    reply.headers().forEach(response::setHeader);
    return response;
  }

  static String error(String message) {
    return FakeTelegramServer.json(Map.of("success", false, "message", message));
  }
}
