package dev.reports.service.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code shared_links.filters} into {@link ReportFilters}, strictly: an unknown key or a
 * value of the wrong shape is an error naming it, never a silently wider report. A key set to JSON
 * {@code null} counts as absent.
 */
final class FiltersParser {
  static final int MAX_WITHIN_DAYS = 36_500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final int MAX_SHOWN_VALUE = 80;

  private FiltersParser() {}

  /** Parses the filters; throws {@link InvalidFiltersException} listing every problem. */
  static ReportFilters parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new InvalidFiltersException(List.of("filters are not valid JSON"));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidFiltersException(
          List.of("filters must be a JSON object, got " + shown(root)));
    }
    Problems problems = new Problems();
    List<String> platforms = List.of();
    List<String> statuses = List.of();
    List<String> campaignTags = List.of();
    List<String> channelUsernames = List.of();
    LocalDate from = null;
    LocalDate to = null;
    Integer withinDays = null;
    String search = null;
    Long minViews = null;
    TreeSet<String> unknown = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull() && isKnown(key)) {
        continue;
      }
      switch (key) {
        case "platforms" -> platforms = strings(key, value, problems);
        case "statuses" -> statuses = strings(key, value, problems);
        case "campaign_tags" -> campaignTags = strings(key, value, problems);
        case "channel_usernames" -> channelUsernames = strings(key, value, problems);
        case "published_from" -> from = date(key, value, problems);
        case "published_to" -> to = date(key, value, problems);
        case "published_within_days" -> withinDays = withinDays(key, value, problems);
        case "search" -> search = text(key, value, problems);
        case "min_views" -> minViews = wholeNumber(key, value, problems);
        default -> unknown.add(key);
      }
    }
    unknown.forEach(key -> problems.add("unknown filter key \"" + key + "\""));
    problems.throwIfAny();
    return new ReportFilters(
        platforms,
        statuses,
        campaignTags,
        channelUsernames,
        from,
        to,
        withinDays,
        search,
        minViews);
  }

  private static boolean isKnown(String key) {
    return switch (key) {
      case "platforms",
          "statuses",
          "campaign_tags",
          "channel_usernames",
          "published_from",
          "published_to",
          "published_within_days",
          "search",
          "min_views" ->
          true;
      default -> false;
    };
  }

  private static List<String> strings(String key, JsonNode value, Problems problems) {
    if (!value.isArray()) {
      problems.malformed(key, value, "a list of strings");
      return List.of();
    }
    List<String> strings = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        problems.malformed(key, value, "a list of strings");
        return List.of();
      }
      strings.add(element.textValue());
    }
    return strings;
  }

  private static LocalDate date(String key, JsonNode value, Problems problems) {
    if (value.isTextual()) {
      try {
        return LocalDate.parse(value.textValue(), DATE);
      } catch (DateTimeParseException ignored) {
        // reported below
      }
    }
    problems.malformed(key, value, "a date YYYY-MM-DD");
    return null;
  }

  private static Integer withinDays(String key, JsonNode value, Problems problems) {
    if (value.isIntegralNumber()
        && value.canConvertToInt()
        && value.intValue() >= 1
        && value.intValue() <= MAX_WITHIN_DAYS) {
      return value.intValue();
    }
    problems.malformed(key, value, "a whole number of days from 1 to " + MAX_WITHIN_DAYS);
    return null;
  }

  private static String text(String key, JsonNode value, Problems problems) {
    if (value.isTextual()) {
      return value.textValue();
    }
    problems.malformed(key, value, "a string");
    return null;
  }

  private static Long wholeNumber(String key, JsonNode value, Problems problems) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    problems.malformed(key, value, "a whole number");
    return null;
  }

  private static String shown(JsonNode value) {
    String json = value == null ? "nothing" : value.toString();
    return json.length() <= MAX_SHOWN_VALUE ? json : json.substring(0, MAX_SHOWN_VALUE) + "…";
  }

  private static final class Problems {
    private final List<String> messages = new ArrayList<>();

    void malformed(String key, JsonNode value, String expected) {
      add("filter \"" + key + "\" must be " + expected + ", got " + shown(value));
    }

    void add(String message) {
      messages.add(message);
    }

    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw new InvalidFiltersException(messages);
      }
    }
  }

  /** The filters cannot be used; each problem names its key and value. */
  static final class InvalidFiltersException extends RuntimeException {
    private final List<String> problems;

    InvalidFiltersException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }
}
