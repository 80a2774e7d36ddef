package dev.reports.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A last guard on stored failure texts before the API shows them. The engine redacts the secrets it
 * knows (the bot token, the Loops key) where a failure is written; a run's error can also quote an
 * unexpected exception, so the shapes a credential takes in text are blanked here too.
 */
final class Redaction {
  static final String REDACTED = "<redacted>";

  private static final List<Map.Entry<Pattern, String>> RULES =
      List.of(
          // user:password@ in any URL (a JDBC or HTTP URL quoted by a driver)
          Map.entry(
              Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^\\s/@]+@"), "$1" + REDACTED + "@"),
          // a Telegram bot token: <digits>:<35 characters>, as it sits in /bot<token>/ URLs
          Map.entry(Pattern.compile("\\d{5,}(?::|%3[Aa])[A-Za-z0-9_-]{30,}"), REDACTED),
          Map.entry(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1" + REDACTED),
          Map.entry(
              Pattern.compile("(?i)\\b(password|passwd|pwd|api[_-]?key|token|secret)=[^&;\\s]+"),
              "$1=" + REDACTED));

  private Redaction() {}

  static String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (Map.Entry<Pattern, String> rule : RULES) {
      result = rule.getKey().matcher(result).replaceAll(rule.getValue());
    }
    return result;
  }

  /** The same JSON with every text value scrubbed. */
  static JsonNode scrub(JsonNode node) {
    if (node instanceof TextNode text) {
      return TextNode.valueOf(scrub(text.textValue()));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object.fields().forEachRemaining(e -> copy.set(e.getKey(), scrub(e.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(e -> copy.add(scrub(e)));
      return copy;
    }
    return node;
  }
}
