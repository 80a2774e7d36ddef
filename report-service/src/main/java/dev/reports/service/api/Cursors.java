package dev.reports.service.api;

import dev.reports.service.schedule.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque page cursors: the position of the last item of a page, tagged with the list it belongs to.
 * Clients pass them back as they are; anything else is refused.
 */
final class Cursors {
  static final String SCHEDULES = "s";
  static final String NOTIFICATIONS = "n";
  static final String RUNS = "r";
  private static final long LATEST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private Cursors() {}

  static String encode(String list, Keyset keyset) {
    String text =
        list
            + ":"
            + keyset.createdAt().getEpochSecond()
            + ":"
            + keyset.createdAt().getNano()
            + ":"
            + keyset.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<Keyset> decode(String list, String cursor) {
    if (cursor == null) {
      return Optional.empty();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split(":", -1);
      if (parts.length != 4
          || !parts[0].equals(list)
          || !parts[1].matches("[0-9]{1,12}")
          || !parts[2].matches("[0-9]{1,9}")
          || parts[3].length() != 36) {
        throw invalid();
      }
      long seconds = Long.parseLong(parts[1]);
      // a position the database can hold: from 1970 up to the end of year 9999
      if (seconds > LATEST_SECOND) {
        throw invalid();
      }
      Instant at = Instant.ofEpochSecond(seconds, Integer.parseInt(parts[2]));
      return Optional.of(new Keyset(at, UUID.fromString(parts[3])));
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      throw invalid();
    }
  }

  private static ApiProblem invalid() {
    return ApiProblem.malformed(
        "The cursor is not valid; pass next_cursor from the previous page as it is",
        java.util.List.of(
            new dev.reports.engine.schedule.FieldError("cursor", "is not a cursor of this list")));
  }
}
