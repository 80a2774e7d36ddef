package dev.reports.engine.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The instants a schedule fires at: its cron's wall-clock times in its zone, each local time
 * exactly once. A time that a spring-forward gap skips fires at the first instant after the gap
 * (the transition); a time that a fall-back overlap repeats fires once, at its first occurrence.
 * The scheduler's trigger and {@code upcoming} both compute fire times here, so they always agree.
 */
public final class Recurrence {
  private static final int MAX_STEPS = 10_000;
  private static final int MAX_CATCH_UP_STEPS = 2_000_000;

  private final UnixCron cron;
  private final ZoneId zone;
  private final ZoneRules rules;

  public Recurrence(UnixCron cron, ZoneId zone) {
    this.cron = Objects.requireNonNull(cron);
    this.zone = Objects.requireNonNull(zone);
    this.rules = zone.getRules();
  }

  public UnixCron cron() {
    return cron;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first fire instant strictly after {@code after}, or empty when it never fires again. */
  public Optional<Instant> next(Instant after) {
    // Read `after` with the smallest offset around it: a wall-clock time repeated by a fall-back
    // overlap is then searched from its first occurrence, and times in a gap are not passed over.
    ZoneOffset offset = rules.getOffset(after);
    for (ZoneOffset o :
        List.of(
            rules.getOffset(after.minus(Duration.ofDays(1))),
            rules.getOffset(after.plus(Duration.ofDays(1))))) {
      if (o.getTotalSeconds() < offset.getTotalSeconds()) {
        offset = o;
      }
    }
    LocalDateTime cursor = LocalDateTime.ofInstant(after, offset).withNano(0).minusSeconds(1);
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<LocalDateTime> local = cron.nextAfter(cursor);
      if (local.isEmpty()) {
        return Optional.empty();
      }
      Instant instant = instantOf(local.get());
      if (instant.isAfter(after)) {
        return Optional.of(instant);
      }
      cursor = local.get();
    }
    return Optional.empty();
  }

  /** The next {@code count} fire instants strictly after {@code after}. */
  public List<Instant> next(Instant after, int count) {
    List<Instant> instants = new ArrayList<>(count);
    Instant cursor = after;
    while (instants.size() < count) {
      Optional<Instant> n = next(cursor);
      if (n.isEmpty()) {
        break;
      }
      instants.add(n.get());
      cursor = n.get();
    }
    return instants;
  }

  /**
   * The latest fire instant at or before {@code time}, searching forward from {@code from} (itself
   * a fire instant); {@code from} when the next one is after {@code time}.
   */
  public Instant latestAtOrBefore(Instant from, Instant time) {
    Instant latest = from;
    for (int i = 0; i < MAX_CATCH_UP_STEPS; i++) {
      Optional<Instant> n = next(latest);
      if (n.isEmpty() || n.get().isAfter(time)) {
        return latest;
      }
      latest = n.get();
    }
    return latest;
  }

  /**
   * The instant a wall-clock time stands for in this zone (gap: the transition; overlap: first).
   */
  public Instant instantOf(LocalDateTime local) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  @Override
  public String toString() {
    return cron + " in " + zone.getId();
  }
}
