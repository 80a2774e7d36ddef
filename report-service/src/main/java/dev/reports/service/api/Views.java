package dev.reports.service.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The small answers of the API. */
final class Views {
  private Views() {}

  /** A page of a list; {@code next_cursor} is null on the last page. */
  record ItemsPage<T>(List<T> items, String nextCursor) {}

  /** A run started by {@code POST …/run}. */
  record RunStarted(UUID runId) {}

  /** The next fire instants of a schedule. */
  record UpcomingRuns(List<Instant> runs) {}
}
