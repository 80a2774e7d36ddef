package dev.reports.engine.testing;

import dev.reports.engine.run.FailureStreak;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory {@link RunLog} for one JVM: claims are unique per (schedule, instant, {@link
 * Run#manualKey()}) exactly like the database ledger, an unfinished run can be taken over once its
 * lease expired, failed runs in a row are counted (and a schedule disabled) like the database
 * ledger does, and every claim and finished run is kept for assertions.
 */
public final class FakeRunLog implements RunLog {
  /** A successful claim: the run as claimed and the node that claimed it. */
  public record Claim(Run run, String nodeId) {}

  private record Key(UUID scheduleId, Instant scheduledFor, String manualKey) {}

  private record Held(Run run, String nodeId, Instant leaseUntil) {}

  private final Clock clock;
  private final Map<Key, Held> held = new ConcurrentHashMap<>();
  private final Map<UUID, RunResult> finished = new ConcurrentHashMap<>();
  private final List<Claim> claims = new CopyOnWriteArrayList<>();
  private final List<Run> claimCalls = new CopyOnWriteArrayList<>();
  private final Map<UUID, Integer> failuresInRow = new ConcurrentHashMap<>();
  private final Map<UUID, String> disabled = new ConcurrentHashMap<>();

  public FakeRunLog() {
    this(Clock.systemUTC());
  }

  public FakeRunLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
    claimCalls.add(candidate);
    Key key = new Key(candidate.scheduleId(), candidate.scheduledFor(), candidate.manualKey());
    Instant now = clock.instant();
    Held existing = held.get(key);
    Run run;
    if (existing == null) {
      run =
          new Run(
              candidate.id(),
              candidate.scheduleId(),
              candidate.scheduledFor(),
              candidate.kind(),
              1);
    } else if (finished.containsKey(existing.run().id()) || existing.leaseUntil().isAfter(now)) {
      return Optional.empty();
    } else {
      Run old = existing.run();
      run = new Run(old.id(), old.scheduleId(), old.scheduledFor(), old.kind(), old.attempt() + 1);
    }
    held.put(key, new Held(run, nodeId, now.plus(lease)));
    claims.add(new Claim(run, nodeId));
    return Optional.of(run);
  }

  @Override
  public synchronized boolean renew(Run run, Duration lease) {
    Key key = new Key(run.scheduleId(), run.scheduledFor(), run.manualKey());
    Held h = held.get(key);
    if (h == null || h.run().attempt() != run.attempt() || finished.containsKey(run.id())) {
      return false;
    }
    held.put(key, new Held(h.run(), h.nodeId(), clock.instant().plus(lease)));
    return true;
  }

  @Override
  public synchronized void finish(Run run, RunResult result) {
    finish(run, result, 0, null);
  }

  @Override
  public synchronized Optional<FailureStreak> finish(
      Run run, RunResult result, int pauseAfter, String pauseReason) {
    Held h = held.get(new Key(run.scheduleId(), run.scheduledFor(), run.manualKey()));
    if (h == null || h.run().attempt() != run.attempt() || finished.containsKey(run.id())) {
      return Optional.empty();
    }
    finished.put(run.id(), result);
    UUID schedule = run.scheduleId();
    int count = failuresInRow.getOrDefault(schedule, 0);
    switch (result.status()) {
      case FAILED, PARTIALLY_FAILED -> count++;
      case SUCCEEDED -> count = 0;
      default -> {
        return Optional.of(new FailureStreak(count, false));
      }
    }
    failuresInRow.put(schedule, count);
    boolean pause = pauseAfter > 0 && count >= pauseAfter && !disabled.containsKey(schedule);
    if (pause) {
      disabled.put(schedule, pauseReason);
    }
    return Optional.of(new FailureStreak(count, pause));
  }

  /** Why a schedule was disabled for failing, or empty. */
  public Optional<String> disabledReason(UUID scheduleId) {
    return Optional.ofNullable(disabled.get(scheduleId));
  }

  /** The schedule was enabled again: its failures in a row start over. */
  public synchronized void enable(UUID scheduleId) {
    disabled.remove(scheduleId);
    failuresInRow.remove(scheduleId);
  }

  /**
   * Whether {@code run}'s attempt is still the ledger's (no later attempt took it over): what a
   * fenced write asks. Writes made under this object's lock are atomic with the answer.
   */
  public synchronized boolean holds(Run run) {
    Held h = held.get(new Key(run.scheduleId(), run.scheduledFor(), run.manualKey()));
    return h != null && h.run().id().equals(run.id()) && h.run().attempt() == run.attempt();
  }

  /**
   * Lets the lease of the unfinished run of (schedule, instant) run out now, as if its node had
   * stalled past it: the next claim takes it over.
   */
  public synchronized void expireLease(Run run) {
    Key key = new Key(run.scheduleId(), run.scheduledFor(), run.manualKey());
    Held h = held.get(key);
    if (h != null) {
      held.put(key, new Held(h.run(), h.nodeId(), clock.instant().minusMillis(1)));
    }
  }

  /** Every successful claim, in order. */
  public List<Run> claims() {
    return claims.stream().map(Claim::run).toList();
  }

  /** Every successful claim with the node that made it, in order. */
  public List<Claim> claimsWithNodes() {
    return List.copyOf(claims);
  }

  /** Every call to {@link #claim}, successful or not: a fire of the scheduler each. */
  public List<Run> claimCalls() {
    return List.copyOf(claimCalls);
  }

  public Optional<RunResult> result(UUID runId) {
    return Optional.ofNullable(finished.get(runId));
  }

  /** Finished runs with their results. */
  public Map<UUID, RunResult> results() {
    return Map.copyOf(finished);
  }
}
