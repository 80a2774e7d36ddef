package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.ChatMigratedException;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.delivery.RateLimiters;
import dev.reports.engine.delivery.ReportMessage;
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
import retrofit2.Call;
import retrofit2.Response;

/**
 * Telegram documents through the Bot API's {@code sendDocument}, the file streamed from disk.
 *
 * <p>The bot token is in every request URL. It is spliced in by an interceptor at the last moment,
 * so no Retrofit or OkHttp object above the network holds it, and every message is redacted too.
 */
public final class TelegramChannel implements RateLimitedChannel {
  static final String PROVIDER = "telegram";
  static final int MAX_MESSAGE = 4096;
  private static final String TOKEN_SEGMENT = "botTOKEN";
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final TelegramSettings settings;
  private final TelegramApi api;
  private final Redactor redactor;
  private final String botKey;
  private final RateLimiter limiter;

  /** A channel whose limits hold across this JVM. */
  public TelegramChannel(TelegramSettings settings) {
    this(settings, RateLimiters.inMemory());
  }

  public TelegramChannel(TelegramSettings settings, RateLimiter limiter) {
    this.settings = settings;
    this.limiter = limiter;
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
    return new TelegramChannel(settings, limiter);
  }

  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    Long chatId = delivery.recipient().telegramChatId();
    if (chatId == null) {
      throw new DeliveryException("no_chat", "the recipient has no Telegram chat id", true, null);
    }
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
    Long chatId = alert.recipient().telegramChatId();
    if (chatId == null) {
      throw new DeliveryException("no_chat", "the recipient has no Telegram chat id", true, null);
    }
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
