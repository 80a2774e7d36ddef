package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.reports.engine.delivery.Alert;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.RateLimiter;
import dev.reports.engine.delivery.RateLimiters;
import dev.reports.engine.delivery.ReportMessage;
import dev.reports.engine.report.ReportFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * Email through Loops' transactional API: the CSV goes as a base64 attachment, under an {@code
 * Idempotency-Key} stable for (run, recipient), so a retried or recovered send is never delivered
 * twice.
 */
public final class LoopsChannel implements RateLimitedChannel {
  static final String PROVIDER = "loops";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_IDEMPOTENCY_KEY = 100;

  private final LoopsSettings settings;
  private final String alertTransactionalId;
  private final LoopsApi api;
  private final Redactor redactor;
  private final RateLimiter limiter;
  private final String teamKey;

  /** A channel whose limit holds across this JVM. */
  public LoopsChannel(LoopsSettings settings) {
    this(settings, RateLimiters.inMemory());
  }

  public LoopsChannel(LoopsSettings settings, RateLimiter limiter) {
    this(settings, null, limiter);
  }

  /**
   * A channel that sends failure alerts with the template {@code alertTransactionalId} (null: the
   * reports' template).
   */
  public LoopsChannel(LoopsSettings settings, String alertTransactionalId, RateLimiter limiter) {
    this.settings = settings;
    this.alertTransactionalId =
        alertTransactionalId == null || alertTransactionalId.isBlank()
            ? settings.transactionalId()
            : alertTransactionalId;
    this.limiter = limiter;
    this.teamKey = "loops:" + fingerprint(settings.apiKey());
    this.redactor = new Redactor(settings.apiKey());
    this.api =
        Http.client(
            LoopsApi.class,
            settings.baseUrl(),
            settings.connectTimeout(),
            settings.readTimeout(),
            chain ->
                chain.proceed(
                    chain
                        .request()
                        .newBuilder()
                        .header("Authorization", "Bearer " + settings.apiKey())
                        .build()));
  }

  @Override
  public DeliveryChannel withRateLimiter(RateLimiter limiter) {
    return new LoopsChannel(settings, alertTransactionalId, limiter);
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public DeliveryReceipt send(Delivery delivery) {
    String email = delivery.recipient().address();
    if (email == null || email.isBlank()) {
      throw new DeliveryException("no_email", "the recipient has no email address", true, null);
    }
    Attachment attachment = Attachment.fit(delivery.file(), settings.maxAttachmentBytes(), "Loops");
    String idempotencyKey = idempotencyKey(delivery.idempotencyKey());
    LoopsRequestBody body =
        new LoopsRequestBody(
            settings.transactionalId(),
            email,
            dataVariables(delivery.file(), attachment),
            attachment);
    Response<LoopsApi.Reply> response;
    try (RateLimiter.Permit permit = limiter.acquire(teamKey, settings.rateLimit())) {
      delivery.fence().check(); // the last thing before the request goes out
      response = api.send(idempotencyKey, body).execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", "interrupted before sending", false, null);
    } catch (IOException e) {
      throw HttpFailures.noAnswer("Loops", e, redactor);
    }
    Map<String, Object> details = attachment.details();
    details.put("idempotency_key", idempotencyKey);
    return receipt(response, details);
  }

  /** Loops' answer to a send: accepted (or its idempotency conflict), else the failure. */
  private DeliveryReceipt receipt(Response<LoopsApi.Reply> response, Map<String, Object> details) {
    if (response.isSuccessful()) {
      LoopsApi.Reply reply = response.body();
      if (reply != null && Boolean.FALSE.equals(reply.success())) {
        throw new DeliveryException(
            String.valueOf(response.code()),
            "Loops did not accept the email: " + redactor.redact(reply.message()),
            true,
            null);
      }
      return new DeliveryReceipt(PROVIDER, null, details);
    }
    String message = errorMessage(response.errorBody());
    if (response.code() == 409 && isIdempotencyConflict(message)) {
      // Loops answers 409 to an idempotency key used in the last 24 hours: an earlier attempt of
      // this very delivery (retried, or recovered after a crash) was accepted.
      details.put("already_delivered", true);
      details.put(
          "note",
          "Loops answered 409: this idempotency key was already used within 24 h, so an earlier"
              + " attempt was accepted; not sent again");
      return new DeliveryReceipt(PROVIDER, null, details);
    }
    // any other 409 is a refusal like any other: not a sign the email went out
    throw failure(response, message);
  }

  /**
   * A failure alert: the alert template, no attachment, data variables that say it is an alert; the
   * same rate limit, idempotency and answers as a report.
   */
  @Override
  public DeliveryReceipt sendAlert(Alert alert) {
    String email = alert.recipient().address();
    if (email == null || email.isBlank()) {
      throw new DeliveryException("no_email", "the recipient has no email address", true, null);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("isAlert", true);
    variables.put("reportName", alert.failure().scheduleName());
    variables.put("alertReason", alert.failure().reason());
    variables.put("runId", alert.runId().toString());
    variables.put("runUrl", alert.failure().runLink());
    variables.put("failuresInRow", alert.failure().failuresInRow());
    variables.put("autoPaused", alert.failure().paused());
    variables.put("alertText", alert.text());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transactionalId", alertTransactionalId);
    body.put("email", email);
    body.put("dataVariables", variables);
    RequestBody json;
    try {
      json = RequestBody.create(Http.JSON.writeValueAsBytes(body), JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String idempotencyKey = idempotencyKey(alert.idempotencyKey());
    Response<LoopsApi.Reply> response;
    try (RateLimiter.Permit permit = limiter.acquire(teamKey, settings.rateLimit())) {
      response = api.send(idempotencyKey, json).execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", "interrupted before sending", false, null);
    } catch (IOException e) {
      throw HttpFailures.noAnswer("Loops", e, redactor);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("idempotency_key", idempotencyKey);
    details.put("transactional_id", alertTransactionalId);
    return receipt(response, details);
  }

  /**
   * Whether a 409's message is Loops' idempotency-key conflict ("Idempotency key already used.").
   * Only that conflict proves an earlier attempt was accepted.
   */
  static boolean isIdempotencyConflict(String message) {
    return message != null && message.toLowerCase(Locale.ROOT).contains("idempotency");
  }

  private DeliveryException failure(Response<?> response, String message) {
    int status = response.code();
    return new DeliveryException(
        String.valueOf(status),
        "Loops answered " + status + ": " + redactor.redact(message),
        !HttpFailures.transientStatus(status),
        status == 429 ? HttpFailures.retryAfter(response.headers().get("Retry-After")) : null);
  }

  private static String errorMessage(ResponseBody body) {
    if (body == null) {
      return "empty body";
    }
    String text;
    try (body) {
      text = body.string();
    } catch (IOException e) {
      return "unreadable body";
    }
    try {
      LoopsApi.Reply reply = Http.JSON.readValue(text, LoopsApi.Reply.class);
      if (reply.message() != null) {
        return reply.message();
      }
    } catch (IOException notJson) {
      // an HTML error page from a proxy
    }
    return HttpFailures.snippet(text);
  }

  /** The message's variables (see {@link ReportMessage#dataVariables}) and the attachment's. */
  private Map<String, Object> dataVariables(ReportFile file, Attachment attachment) {
    Map<String, Object> variables =
        ReportMessage.of(file, settings.sharedLinkUrlTemplate()).dataVariables();
    variables.put("fileName", attachment.fileName());
    variables.put("fileSize", Sizes.human(attachment.bytes()));
    variables.put("fileSizeBytes", attachment.bytes());
    variables.put("compressed", attachment.compressed() ? "yes" : "no");
    return variables;
  }

  /** Loops takes keys of up to 100 characters: a longer one is replaced by its hash. */
  static String idempotencyKey(String key) {
    return key.length() <= MAX_IDEMPOTENCY_KEY ? key : fingerprint(key);
  }

  static String fingerprint(String secret) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
