package dev.reports.service.schedule;

import java.util.List;
import java.util.Optional;

/** One page of a newest-first list, and where the next one starts when there is one. */
public record Page<T>(List<T> items, Optional<Keyset> next) {
  public Page {
    items = List.copyOf(items);
  }
}
