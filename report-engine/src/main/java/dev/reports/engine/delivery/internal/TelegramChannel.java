package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.delivery.RateLimiters;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.ReportMessage;
import dev.reports.engine.delivery.TelegramChatMigrations;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.engine.report.ReportFile;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Telegram documents through the Bot API's {@code sendDocument}, the file streamed from disk.
 *
 * <p>The bot token is in every request URL. It is spliced in by an interceptor at the last moment,
 * so no Retrofit or OkHttp object above the network holds it, and every message is redacted too.
 *
 * <p>A group that became a supergroup (Telegram answers {@code migrate_to_chat_id}) is followed
 * here, within the same send: the report goes to the new chat at once (unless this run already sent
 * it there), the move is remembered for the retries and runs that follow, and the host's {@link
 * TelegramChatMigrations} is told, to update the recipients it stores.
 */
public final class TelegramChannel implements RateLimitedChannel {
  static final String PROVIDER = "telegram";
  static final int MAX_MESSAGE = 4096;
  private static final int MAX_MIGRATIONS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(TelegramChannel.class);
  private static final String TOKEN_SEGMENT = "botTOKEN";
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final TelegramSettings settings;
  private final TelegramApi api;
  private final Redactor redactor;
  private final String botKey;
  private final RateLimiter limiter;
  private final TelegramChatMigrations migrations;
  private final TelegramChats chats;

  /** A channel whose limits hold across this JVM; chat moves are followed and only logged. */
  public TelegramChannel(TelegramSettings settings) {
    this(settings, (scheduleId, from, to) -> {});
  }

  /** A channel whose limits hold across this JVM; chat moves are told to {@code migrations}. */
  public TelegramChannel(TelegramSettings settings, TelegramChatMigrations migrations) {
    this(settings, RateLimiters.inMemory(), migrations, new TelegramChats());
  }

  /** A channel whose limits are kept by {@code limiter}; chat moves are only logged. */
  public TelegramChannel(TelegramSettings settings, RateLimiter limiter) {
    this(settings, limiter, (scheduleId, from, to) -> {}, new TelegramChats());
  }

  private TelegramChannel(
      TelegramSettings settings,
      RateLimiter limiter,
      TelegramChatMigrations migrations,
      TelegramChats chats) {
    this.settings = settings;
    this.limiter = limiter;
    this.migrations = migrations;
    this.chats = chats;
    this.redactor = new Redactor(settings.botToken());
    this.botKey = "telegram:" + LoopsChannel.fingerprint(settings.botToken());
    this.api =
        Http.client(
            TelegramApi.class,
            Http.withSlash(settings.baseUrl()) + TOKEN_SEGMENT + "/",
            settings.connectTimeout(),
            settings.readTimeout(),
            chain -> chain.proceed(withToken(chain.request())));
  }

  @Override
  public DeliveryChannel withRateLimiter(RateLimiter limiter) {
    return new TelegramChannel(settings, limiter, migrations, chats);
  }

  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** The chat id a Telegram recipient's address holds, or null when it holds none. */
  static Long chatId(Recipient recipient) {
    try {
      return Long.parseLong(recipient.address().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    Long listed = chatId(delivery.recipient());
    if (listed == null) {
      throw DeliveryException.permanent("no_chat", "the recipient has no Telegram chat id");
    }
    long chat = chats.current(listed);
    for (int moves = 0; ; moves++) {
      String served = chats.servedIn(delivery.runId(), chat);
      if (served != null) {
        return alreadyServed(listed, chat, served);
      }
      try {
        DeliveryReceipt receipt = sendDocument(delivery, chat);
        chats.serve(delivery.runId(), chat, receipt.providerMessageId());
        if (chat == listed) {
          return receipt;
        }
        Map<String, Object> details = new LinkedHashMap<>(receipt.details());
        details.put("migrated_to_chat_id", chat);
        return new DeliveryReceipt(PROVIDER, receipt.providerMessageId(), details);
      } catch (ChatMigratedException moved) {
        if (moves >= MAX_MIGRATIONS) {
          throw DeliveryException.permanent("400", "the chat kept moving: " + moved.getMessage());
        }
        LOG.info(
            "Run {}: Telegram chat {} became {}; sending there",
            delivery.runId(),
            chat,
            moved.newChatId());
        chats.moved(chat, moved.newChatId());
        tell(delivery, chat, moved.newChatId());
        chat = moved.newChatId();
      }
    }
  }

  private void tell(Delivery delivery, long from, long to) {
    try {
      migrations.migrated(delivery.scheduleId(), from, to);
    } catch (RuntimeException e) {
      // the report still goes to the new chat; the next run learns the move again
      LOG.warn("Run {}: could not record the move of chat {} to {}", delivery.runId(), from, to, e);
    }
  }

  private static DeliveryReceipt alreadyServed(long listed, long chat, String messageId) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("chat_id", chat);
    if (chat != listed) {
      details.put("migrated_to_chat_id", chat);
    }
    details.put("note", "this chat already received the report in this run (it is the same chat)");
    return new DeliveryReceipt(PROVIDER, messageId.isEmpty() ? null : messageId, details);
  }

  private DeliveryReceipt sendDocument(Delivery delivery, long chatId) {
    Attachment attachment = Attachment.fit(delivery.file(), settings.maxUploadBytes(), "Telegram");
    Response<TelegramApi.Reply> response;
    try (RateLimiter.Permit chat =
            limiter.acquire(
                botKey + ":chat:" + chatId,
                chatId < 0 ? settings.groupLimit() : settings.chatLimit());
        RateLimiter.Permit bot = limiter.acquire(botKey, settings.botLimit())) {
      Call<TelegramApi.Reply> call =
          api.sendDocument(
              RequestBody.create(Long.toString(chatId), TEXT),
              RequestBody.create(caption(delivery.file(), attachment), TEXT),
              MultipartBody.Part.createFormData(
                  "document",
                  attachment.fileName(),
                  RequestBody.create(
                      attachment.path().toFile(), MediaType.get(attachment.contentType()))),
              // checked last, with the connection ready, just before the request is written
              // (Http): Telegram has no idempotency key, so a node replaced while it stalled
              // must not get past that point
              delivery.fence());
      response = call.execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", "interrupted before sending", false, null);
    } catch (IOException e) {
      throw HttpFailures.noAnswer("Telegram", e, redactor);
    }
    ErrorBody error = response.isSuccessful() ? null : errorBody(response);
    TelegramApi.Reply reply = error == null ? response.body() : error.reply();
    if (reply != null && reply.ok()) {
      Map<String, Object> details = attachment.details();
      details.put("chat_id", chatId);
      if (reply.result() != null
          && reply.result().document() != null
          && reply.result().document().fileId() != null) {
        details.put("telegram_file_id", reply.result().document().fileId());
      }
      Long messageId = reply.result() == null ? null : reply.result().messageId();
      return new DeliveryReceipt(
          PROVIDER, messageId == null ? null : Long.toString(messageId), details);
    }
    throw failure(chatId, response.code(), reply, error == null ? "empty body" : error.text());
  }

  /**
   * A failure alert as a plain {@code sendMessage} text, under the same per-chat and per-bot rate
   * limits as reports.
   */
  @Override
  public DeliveryReceipt sendAlert(Alert alert) {
    Long listed = chatId(alert.recipient());
    if (listed == null) {
      throw DeliveryException.permanent("no_chat", "the recipient has no Telegram chat id");
    }
    long chatId = chats.current(listed);
    String text = alert.text();
    if (text.codePointCount(0, text.length()) > MAX_MESSAGE) {
      text = text.substring(0, text.offsetByCodePoints(0, MAX_MESSAGE - 1)) + "…";
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("chat_id", chatId);
    message.put("text", text);
    Response<TelegramApi.Reply> response;
    try (RateLimiter.Permit chat =
            limiter.acquire(
                botKey + ":chat:" + chatId,
                chatId < 0 ? settings.groupLimit() : settings.chatLimit());
        RateLimiter.Permit bot = limiter.acquire(botKey, settings.botLimit())) {
      response =
          api.sendMessage(RequestBody.create(Http.JSON.writeValueAsBytes(message), JSON)).execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", "interrupted before sending", false, null);
    } catch (IOException e) {
      throw HttpFailures.noAnswer("Telegram", e, redactor);
    }
    ErrorBody error = response.isSuccessful() ? null : errorBody(response);
    TelegramApi.Reply reply = error == null ? response.body() : error.reply();
    if (reply != null && reply.ok()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("chat_id", chatId);
      Long messageId = reply.result() == null ? null : reply.result().messageId();
      return new DeliveryReceipt(
          PROVIDER, messageId == null ? null : Long.toString(messageId), details);
    }
    throw failure(chatId, response.code(), reply, error == null ? "empty body" : error.text());
  }

  private DeliveryException failure(
      long chatId, int status, TelegramApi.Reply reply, String nonJsonText) {
    if (reply == null) {
      // not JSON at all: a proxy's or nginx's HTML page (413 on a too large upload, 502…)
      return new DeliveryException(
          String.valueOf(status),
          "Telegram answered " + status + " with a non-JSON body: " + redactor.redact(nonJsonText),
          !HttpFailures.transientStatus(status),
          null);
    }
    int code = reply.errorCode() == null ? status : reply.errorCode();
    String description = redactor.redact(reply.description());
    TelegramApi.Parameters parameters = reply.parameters();
    if (parameters != null && parameters.migrateToChatId() != null) {
      return new ChatMigratedException(chatId, parameters.migrateToChatId());
    }
    Duration retryAfter =
        parameters != null && parameters.retryAfter() != null
            ? Duration.ofSeconds(parameters.retryAfter())
            : null;
    // 400 chat not found, 401/404 bad token, 403 blocked or kicked: sending again cannot help
    boolean permanent = !HttpFailures.transientStatus(code) && retryAfter == null;
    return new DeliveryException(
        String.valueOf(code),
        "Telegram answered " + code + ": " + (description == null ? "no description" : description),
        permanent,
        retryAfter);
  }

  /** An error answer: its JSON, or the text of a body that is not JSON. */
  private record ErrorBody(TelegramApi.Reply reply, String text) {}

  private static ErrorBody errorBody(Response<?> response) {
    ResponseBody body = response.errorBody();
    if (body == null) {
      return new ErrorBody(null, "empty body");
    }
    String text;
    try (body) {
      text = body.string();
    } catch (IOException e) {
      return new ErrorBody(null, "unreadable body");
    }
    try {
      return new ErrorBody(Http.JSON.readValue(text, TelegramApi.Reply.class), null);
    } catch (IOException notJson) {
      return new ErrorBody(null, HttpFailures.snippet(text));
    }
  }

  /** The report's message (see {@link ReportMessage#caption}), within Telegram's limit. */
  static String caption(ReportFile file, Attachment attachment) {
    return ReportMessage.of(file).caption(attachment.compressed() ? "gzip-compressed" : null);
  }

  private Request withToken(Request request) {
    HttpUrl url = request.url();
    List<String> segments = url.encodedPathSegments();
    int index = segments.indexOf(TOKEN_SEGMENT);
    if (index < 0) {
      return request;
    }
    return request
        .newBuilder()
        .url(url.newBuilder().setPathSegment(index, "bot" + settings.botToken()).build())
        .build();
  }
}
