package dev.reports.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds request bodies: a valid daily schedule by default, changed field by field. */
final class ScheduleBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final java.util.Set<String> removed = new java.util.LinkedHashSet<>();

  private ScheduleBody() {}

  /** A valid daily 07:30 Europe/Moscow schedule of this link, delivered by Telegram. */
  static ScheduleBody daily(UUID sharedLinkId) {
    return new ScheduleBody()
        .with("shared_link_id", sharedLinkId.toString())
        .with("cadence", "daily")
        .with("scheduled_time", "07:30")
        .with("timezone", "Europe/Moscow")
        .with("send_telegram", true);
  }

  static ScheduleBody empty() {
    return new ScheduleBody();
  }

  ScheduleBody with(String field, Object value) {
    fields.put(field, value);
    removed.remove(field);
    return this;
  }

  /** Leaves the field out of a create body; a patch body sets it to null (clears it). */
  ScheduleBody without(String field) {
    fields.remove(field);
    removed.add(field);
    return this;
  }

  static Map<String, Object> email(UUID userId) {
    return Map.of("channel", "email", "user_id", userId.toString());
  }

  static Map<String, Object> telegram(long chatId) {
    return Map.of("channel", "telegram", "telegram_chat_id", chatId);
  }

  ScheduleBody recipients(Object... recipients) {
    return with("recipients", List.of(recipients));
  }

  /** The body of a create. */
  String json() {
    return write(fields);
  }

  /** The body of a patch: the fields, and null for each field left out. */
  String patchJson() {
    Map<String, Object> patch = new LinkedHashMap<>(fields);
    removed.forEach(field -> patch.put(field, null));
    return write(patch);
  }

  private static String write(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return json();
  }
}
