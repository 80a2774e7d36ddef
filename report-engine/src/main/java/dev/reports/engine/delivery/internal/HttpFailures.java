package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.DeliveryException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Turns what an HTTP call threw or answered into a {@link DeliveryException}. */
final class HttpFailures {
  private HttpFailures() {}

  /** A call that got no answer: always worth retrying (timeouts, refused connections…). */
  static DeliveryException noAnswer(String provider, IOException e, Redactor redactor) {
    String code;
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      code = "timeout";
    } else if (e instanceof ConnectException) {
      code = "connect_failed";
    } else if (e instanceof UnknownHostException) {
      code = "unknown_host";
    } else {
      code = "io_error";
    }
    String message = e.getMessage() == null ? "" : ": " + redactor.redact(e.getMessage());
    return new DeliveryException(
        code,
        provider + " did not answer (" + e.getClass().getSimpleName() + message + ")",
        false,
        null);
  }

  /** Server errors, 408 and 429 are transient; any other status is not. */
  static boolean transientStatus(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  /** A {@code Retry-After} header in seconds, if present and readable. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null; // an HTTP date: backoff will do
    }
  }

  /** The start of a non-JSON body (an HTML error page), reduced to one short line of text. */
  static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "empty body";
    }
    String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
