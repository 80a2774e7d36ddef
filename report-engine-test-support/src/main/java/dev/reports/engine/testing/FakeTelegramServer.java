package dev.reports.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * An in-process Telegram Bot API that answers {@code sendDocument} (and {@code sendMessage}, kept
 * in {@link #messages()}, and {@code getMe}, the token check) exactly like the real one, errors
 * included: {@code {"ok": true, "result": {message}}} or {@code {"ok": false, "error_code": N,
 * "description": "...", "parameters": {...}}}, and nginx's HTML page for a too large upload.
 *
 * <p>Chats can be made unknown, blocked or migrated to a supergroup; the next requests can be
 * scripted to fail ({@link #failNext}) or gated ({@link #gate}), either before any chat rule
 * applies. Every request is kept, parsed, in {@link #requests()}; the accepted ones are in {@link
 * #delivered()}.
 */
public final class FakeTelegramServer
    extends FakeProviderServer<
        FakeTelegramServer, FakeTelegramServer.Upload, FakeTelegramServer.Reply> {
  public static final String DEFAULT_TOKEN = "7713398155:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  /** One {@code sendDocument} request as Telegram saw it. */
  public record Upload(
      String path,
      String chatId,
      String caption,
      String fileName,
      String contentType,
      byte[] content,
      Map<String, String> parts,
      Instant receivedAt) {
    public long chat() {
      return Long.parseLong(chatId);
    }

    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Upload[chat="
          + chatId
          + ", caption="
          + caption
          + ", file="
          + fileName
          + " ("
          + content.length
          + " bytes)]";
    }
  }

  /** One {@code sendMessage} request as Telegram saw it. */
  public record Message(String path, String chatId, String text, Instant receivedAt) {
    public long chat() {
      return Long.parseLong(chatId);
    }
  }

  /** A scripted answer to the next request. */
  public record Reply(int status, String body, String contentType, boolean silent) {
    /** 429 with {@code parameters.retry_after}. */
    public static Reply tooManyRequests(int retryAfterSeconds) {
      return error(
          429,
          "Too Many Requests: retry after " + retryAfterSeconds,
          Map.of("retry_after", retryAfterSeconds));
    }

    public static Reply serverError() {
      return error(500, "Internal Server Error", null);
    }

    /** nginx in front of the Bot API rejecting a large body: HTML, not JSON. */
    public static Reply htmlTooLarge() {
      return new Reply(413, HTML_413, "text/html", false);
    }

    /** Reads the request and never answers: the client's read timeout fires. */
    public static Reply noResponse() {
      return new Reply(0, null, null, true);
    }

    static Reply error(int code, String description, Map<String, Object> parameters) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", false);
      body.put("error_code", code);
      body.put("description", description);
      if (parameters != null) {
        body.put("parameters", parameters);
      }
      return new Reply(code, json(body), "application/json", false);
    }
  }

  static final String HTML_413 =
      "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
          + "<center><h1>413 Request Entity Too Large</h1></center>\r\n"
          + "<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final Set<Long> unknownChats = ConcurrentHashMap.newKeySet();
  private final Set<Long> blockedChats = ConcurrentHashMap.newKeySet();
  private final Map<Long, Long> migrations = new ConcurrentHashMap<>();
  private final AtomicLong messageIds = new AtomicLong(100);
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final List<Message> messageRequests = new CopyOnWriteArrayList<>();
  private volatile long maxUploadBytes = 50L * 1024 * 1024;

  /**
   * A started Bot API for the default bot token: {@code @RegisterExtension static
   * FakeTelegramServer x = FakeTelegramServer.start();}
   */
  public static FakeTelegramServer start() {
    return new FakeTelegramServer();
  }

  public FakeTelegramServer() {
    this(DEFAULT_TOKEN);
  }

  public FakeTelegramServer(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  /** {@code 400 Bad Request: chat not found} for this chat. */
  public FakeTelegramServer unknownChat(long chatId) {
    unknownChats.add(chatId);
    return this;
  }

  /** {@code 403 Forbidden: bot was blocked by the user} for this chat. */
  public FakeTelegramServer blockedChat(long chatId) {
    blockedChats.add(chatId);
    return this;
  }

  /** The group became a supergroup: sends to {@code from} answer {@code migrate_to_chat_id}. */
  public FakeTelegramServer migrateChat(long from, long to) {
    migrations.put(from, to);
    return this;
  }

  /** Uploads larger than this get nginx's HTML 413; default 50 MiB. */
  public FakeTelegramServer maxUploadBytes(long bytes) {
    this.maxUploadBytes = bytes;
    return this;
  }

  public List<Upload> deliveredTo(long chatId) {
    return delivered.stream().filter(u -> u.chat() == chatId).toList();
  }

  @Override
  MockResponse answer(RecordedRequest request) {
    String path = request.getPath() == null ? "" : request.getPath();
    String prefix = "/bot" + token + "/";
    if (!path.startsWith(prefix)) {
      return json(Reply.error(401, "Unauthorized", null));
    }
    if ("getMe".equals(path.substring(prefix.length()))) {
      return json(
          new Reply(200, json(Map.of("ok", true, "result", bot())), "application/json", false));
    }
    if ("POST".equals(request.getMethod())
        && "sendMessage".equals(path.substring(prefix.length()))) {
      return answerMessage(path, request);
    }
    if (!"POST".equals(request.getMethod())
        || !"sendDocument".equals(path.substring(prefix.length()))) {
      return json(Reply.error(404, "Not Found", null));
    }
    if (request.getBodySize() > maxUploadBytes) {
      requests.add(new Upload(path, null, null, null, null, new byte[0], Map.of(), Instant.now()));
      return json(Reply.htmlTooLarge());
    }
    Upload upload = parse(path, request);
    requests.add(upload);
    Reply scripted = scriptedOrGated(upload);
    if (scripted != null) {
      return json(scripted);
    }
    if (upload.chatId() == null || upload.chatId().isBlank()) {
      return json(Reply.error(400, "Bad Request: chat_id is empty", null));
    }
    if (upload.fileName() == null) {
      return json(Reply.error(400, "Bad Request: there is no document in the request", null));
    }
    if (upload.caption() != null
        // Telegram counts UTF-16 code units, as Java's length() does
        && upload.caption().length() > 1024) {
      return json(Reply.error(400, "Bad Request: message caption is too long", null));
    }
    long chat;
    try {
      chat = upload.chat();
    } catch (NumberFormatException e) {
      return json(Reply.error(400, "Bad Request: chat not found", null));
    }
    MockResponse refused = chatRules(chat);
    if (refused != null) {
      return refused;
    }
    delivered.add(upload);
    return json(new Reply(200, json(success(upload, chat)), "application/json", false));
  }

  /** Telegram's answer for a chat that moved, is unknown or blocked the bot; null for another. */
  private MockResponse chatRules(long chat) {
    if (migrations.containsKey(chat)) {
      return json(
          Reply.error(
              400,
              "Bad Request: group chat was upgraded to a supergroup chat",
              Map.of("migrate_to_chat_id", migrations.get(chat))));
    }
    if (unknownChats.contains(chat)) {
      return json(Reply.error(400, "Bad Request: chat not found", null));
    }
    if (blockedChats.contains(chat)) {
      return json(Reply.error(403, "Forbidden: bot was blocked by the user", null));
    }
    return null;
  }

  /**
   * {@code sendMessage} with a JSON body: a text of 1 to 4096 characters to a chat, under the same
   * chat rules, scripted replies and gate as documents (the gate sees it as an upload without a
   * file); kept apart, in {@link #messages()}, so that counts of documents stay counts of reports.
   */
  private MockResponse answerMessage(String path, RecordedRequest request) {
    String chatId = null;
    String text = null;
    try {
      Map<?, ?> body = JSON.readValue(request.getBody().clone().readUtf8(), Map.class);
      chatId = body.get("chat_id") == null ? null : String.valueOf(body.get("chat_id"));
      text = body.get("text") == null ? null : String.valueOf(body.get("text"));
    } catch (IOException e) {
      return json(Reply.error(400, "Bad Request: can't parse JSON object", null));
    }
    Message message = new Message(path, chatId, text, Instant.now());
    messageRequests.add(message);
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("chat_id", String.valueOf(chatId));
    parts.put("text", String.valueOf(text));
    Reply scripted =
        scriptedOrGated(
            new Upload(
                path,
                chatId,
                null,
                null,
                null,
                String.valueOf(text).getBytes(StandardCharsets.UTF_8),
                Map.copyOf(parts),
                message.receivedAt()));
    if (scripted != null) {
      return json(scripted);
    }
    if (chatId == null || chatId.isBlank()) {
      return json(Reply.error(400, "Bad Request: chat_id is empty", null));
    }
    if (text == null || text.isEmpty()) {
      return json(Reply.error(400, "Bad Request: message text is empty", null));
    }
    if (text.codePointCount(0, text.length()) > 4096) {
      return json(Reply.error(400, "Bad Request: message is too long", null));
    }
    long chat;
    try {
      chat = message.chat();
    } catch (NumberFormatException e) {
      return json(Reply.error(400, "Bad Request: chat not found", null));
    }
    MockResponse refused = chatRules(chat);
    if (refused != null) {
      return refused;
    }
    messages.add(message);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("message_id", messageIds.incrementAndGet());
    result.put(
        "from",
        Map.of(
            "id", 7713398155L, "is_bot", true, "first_name", "Reports", "username", "reports_bot"));
    result.put("chat", Map.of("id", chat, "type", chat < 0 ? "supergroup" : "private"));
    result.put("date", message.receivedAt().getEpochSecond());
    result.put("text", text);
    return json(
        new Reply(200, json(Map.of("ok", true, "result", result)), "application/json", false));
  }

  /** The text messages ({@code sendMessage}) accepted, in order. */
  public List<Message> messages() {
    return List.copyOf(messages);
  }

  /** Every {@code sendMessage} request received, in order, including rejected ones. */
  public List<Message> messageRequests() {
    return List.copyOf(messageRequests);
  }

  public List<Message> messagesTo(long chatId) {
    return messages.stream().filter(m -> m.chat() == chatId).toList();
  }

  /** The bot, as {@code getMe} describes it (Telegram's User object). */
  private Map<String, Object> bot() {
    Map<String, Object> bot = new LinkedHashMap<>();
    bot.put("id", Long.parseLong(token.substring(0, token.indexOf(':'))));
    bot.put("is_bot", true);
    bot.put("first_name", "Reports");
    bot.put("username", "reports_bot");
    bot.put("can_join_groups", true);
    bot.put("can_read_all_group_messages", false);
    bot.put("supports_inline_queries", false);
    return bot;
  }

  private Map<String, Object> success(Upload upload, long chat) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("file_name", upload.fileName());
    document.put("mime_type", upload.contentType());
    document.put("file_id", "BQACAgIAAxkDAAI" + messageIds.get());
    document.put("file_unique_id", "AgAD" + messageIds.get());
    document.put("file_size", upload.content().length);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", messageIds.incrementAndGet());
    message.put(
        "from",
        Map.of(
            "id", 7713398155L, "is_bot", true, "first_name", "Reports", "username", "reports_bot"));
    message.put("chat", Map.of("id", chat, "type", chat < 0 ? "supergroup" : "private"));
    message.put("date", Instant.now().getEpochSecond());
    message.put("document", document);
    if (upload.caption() != null) {
      message.put("caption", upload.caption());
    }
    return Map.of("ok", true, "result", message);
  }

  private static Upload parse(String path, RecordedRequest request) {
    Map<String, String> parts = new LinkedHashMap<>();
    String fileName = null;
    String contentType = null;
    byte[] content = new byte[0];
    MediaType type = MediaType.parse(String.valueOf(request.getHeader("Content-Type")));
    String boundary = type == null ? null : type.parameter("boundary");
    if (boundary != null) {
      try (MultipartReader reader = new MultipartReader(request.getBody().clone(), boundary)) {
        MultipartReader.Part part;
        while ((part = reader.nextPart()) != null) {
          String disposition = String.valueOf(part.headers().get("Content-Disposition"));
          String name = parameter(disposition, "name");
          Buffer body = new Buffer();
          part.body().readAll(body);
          if ("document".equals(name)) {
            fileName = parameter(disposition, "filename");
            contentType = part.headers().get("Content-Type");
            content = body.readByteArray();
          } else if (name != null) {
            parts.put(name, body.readUtf8());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Upload(
        path,
        parts.get("chat_id"),
        parts.get("caption"),
        fileName,
        contentType,
        content,
        Map.copyOf(parts),
        Instant.now());
  }

  private static String parameter(String disposition, String name) {
    for (String piece : disposition.split(";")) {
      String p = piece.trim();
      if (p.startsWith(name + "=")) {
        String value = p.substring(name.length() + 1);
        return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
      }
    }
    return null;
  }

  private static MockResponse json(Reply reply) {
    if (reply.silent()) {
      return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }
    return new MockResponse()
        .setResponseCode(reply.status())
        .setHeader("Content-Type", reply.contentType())
        .setHeader("Server", "nginx/1.18.0")
        .setBody(reply.body());
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
