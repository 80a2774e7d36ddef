package dev.reports.service.schedule;

import dev.reports.engine.schedule.FieldError;
import dev.reports.engine.schedule.InvalidScheduleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what is wrong with an input, one entry per field, in the order found. */
final class FieldErrors {
  private final Map<String, List<String>> byField = new LinkedHashMap<>();

  void add(String field, String message) {
    List<String> messages = byField.computeIfAbsent(field, f -> new ArrayList<>());
    if (!messages.contains(message)) {
      messages.add(message);
    }
  }

  void addAll(List<FieldError> errors) {
    errors.forEach(e -> add(e.field(), e.message()));
  }

  boolean has(String field) {
    return byField.containsKey(field);
  }

  boolean isEmpty() {
    return byField.isEmpty();
  }

  void throwIfAny() {
    if (!byField.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      byField.forEach(
          (field, messages) -> errors.add(new FieldError(field, String.join("; ", messages))));
      throw new InvalidScheduleException(errors);
    }
  }
}
