package dev.reports.service.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A position in a newest-first list: the last item seen, by creation instant then id. */
public record Keyset(Instant createdAt, UUID id) {
  public Keyset {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }
}
