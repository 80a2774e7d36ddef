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
    return this;
  }

  ScheduleBody without(String field) {
    fields.remove(field);
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

  String json() {
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
