package dev.reports.service.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.config.LoopsSettings;
import dev.reports.service.config.Setting;
import dev.reports.service.config.TelegramSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Harmless calls that tell whether a provider takes our credentials: Loops' API key check ({@code
 * GET /api/v1/api-key}) and Telegram's {@code getMe}. Neither sends anything to anyone. An answer
 * never shows the key or the bot token (which sits in Telegram's URL path).
 */
final class ProviderCheck {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** What the provider said: accepted, and a line that says so or why not. */
  record Result(boolean ok, String detail) {}

  Result loops(LoopsSettings loops) {
    String key = loops.apiKey().reveal();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(loops.baseUrl() + "/api/v1/api-key"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + key)
            .header("Accept", "application/json")
            .GET()
            .build();
    String where = "Loops at " + loops.baseUrl();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = json(response.body());
      if (response.statusCode() == 200 && body.path("success").asBoolean(false)) {
        String team = body.path("teamName").asText("");
        return new Result(
            true, "Loops accepts the API key" + (team.isEmpty() ? "" : " (team " + team + ")"));
      }
      String message = body.path("message").asText(body.path("error").asText(""));
      String why = response.statusCode() + (message.isEmpty() ? "" : " " + message);
      return new Result(
          false,
          response.statusCode() == 401 || response.statusCode() == 403
              ? where + " refuses " + Setting.LOOPS_API_KEY + " (" + redact(why, key) + ")"
              : where + " answered " + redact(why, key));
    } catch (IOException e) {
      return new Result(false, "cannot reach " + where + " (" + reason(e, key) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  Result telegram(TelegramSettings telegram) {
    String token = telegram.botToken().reveal();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + token + "/getMe"))
            .timeout(TIMEOUT)
            .GET()
            .build();
    String where = "the Telegram Bot API at " + telegram.baseUrl();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = json(response.body());
      if (response.statusCode() == 200 && body.path("ok").asBoolean(false)) {
        String bot = body.path("result").path("username").asText("");
        return new Result(
            true, "Telegram accepts the bot token" + (bot.isEmpty() ? "" : " (bot @" + bot + ")"));
      }
      String description = body.path("description").asText("");
      String why = response.statusCode() + (description.isEmpty() ? "" : " " + description);
      // 401: a revoked or wrong token; 404: one that is not a token at all
      return new Result(
          false,
          response.statusCode() == 401 || response.statusCode() == 404
              ? where + " refuses " + Setting.TELEGRAM_BOT_TOKEN + " (" + redact(why, token) + ")"
              : where + " answered " + redact(why, token));
    } catch (IOException e) {
      return new Result(false, "cannot reach " + where + " (" + reason(e, token) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }

  private static String reason(IOException e, String secret) {
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
    }
    String message = e.getMessage();
    String why =
        e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    return redact(why.lines().findFirst().orElse(why), secret);
  }

  private static String redact(String text, String secret) {
    return secret.isEmpty() ? text : text.replace(secret, "***");
  }
}
