package dev.reports.engine.delivery.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes secrets from text bound for a log line, an exception message or the delivery log. The
 * Telegram bot token sits in every request URL, and HTTP libraries like to quote URLs.
 */
final class Redactor {
  static final String REDACTED = "<redacted>";

  private final Set<String> secrets = new LinkedHashSet<>();

  Redactor(String... secrets) {
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        this.secrets.add(secret);
        this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        this.secrets.add(secret.replace(":", "%3A"));
      }
    }
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, REDACTED);
    }
    return result;
  }
}
