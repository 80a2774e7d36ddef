package dev.reports.engine.testing;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunKind;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory {@link RunLog} for one JVM: claims are unique per (schedule, instant) exactly like the
 * database ledger, and every finished run is kept for assertions.
 */
public final class FakeRunLog implements RunLog {
  private record Key(UUID scheduleId, Instant scheduledFor) {}

  private final Map<Key, Run> claimed = new ConcurrentHashMap<>();
  private final Map<UUID, RunResult> finished = new ConcurrentHashMap<>();
  private final List<Run> claims = new CopyOnWriteArrayList<>();

  @Override
  public Optional<Run> claim(UUID scheduleId, Instant scheduledFor, RunKind kind, String nodeId) {
    Key key = new Key(scheduleId, scheduledFor);
    Run fresh = new Run(UUID.randomUUID(), scheduleId, scheduledFor, kind, 1);
    Run existing = claimed.putIfAbsent(key, fresh);
    if (existing == null) {
      claims.add(fresh);
      return Optional.of(fresh);
    }
    if (finished.containsKey(existing.id())) {
      return Optional.empty();
    }
    Run retaken =
        new Run(existing.id(), scheduleId, scheduledFor, existing.kind(), existing.attempt() + 1);
    claimed.put(key, retaken);
    claims.add(retaken);
    return Optional.of(retaken);
  }

  @Override
  public void finish(Run run, RunResult result) {
    finished.put(run.id(), result);
  }

  /** Every successful claim, in order. */
  public List<Run> claims() {
    return List.copyOf(claims);
  }

  public Optional<RunResult> result(UUID runId) {
    return Optional.ofNullable(finished.get(runId));
  }
}
