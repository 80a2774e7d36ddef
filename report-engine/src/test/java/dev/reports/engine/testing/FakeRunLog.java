package dev.reports.engine.testing;

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
 * In-memory {@link RunLog} for one JVM: claims are unique per (schedule, instant) exactly like the
 * database ledger, an unfinished run can be taken over once its lease expired, and every claim and
 * finished run is kept for assertions.
 */
public final class FakeRunLog implements RunLog {
  /** A successful claim: the run as claimed and the node that claimed it. */
  public record Claim(Run run, String nodeId) {}

  private record Key(UUID scheduleId, Instant scheduledFor) {}

  private record Held(Run run, String nodeId, Instant leaseUntil) {}

  private final Clock clock;
  private final Map<Key, Held> held = new ConcurrentHashMap<>();
  private final Map<UUID, RunResult> finished = new ConcurrentHashMap<>();
  private final List<Claim> claims = new CopyOnWriteArrayList<>();
  private final List<Run> claimCalls = new CopyOnWriteArrayList<>();

  public FakeRunLog() {
    this(Clock.systemUTC());
  }

  public FakeRunLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
    claimCalls.add(candidate);
    Key key = new Key(candidate.scheduleId(), candidate.scheduledFor());
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
    Key key = new Key(run.scheduleId(), run.scheduledFor());
    Held h = held.get(key);
    if (h == null || h.run().attempt() != run.attempt() || finished.containsKey(run.id())) {
      return false;
    }
    held.put(key, new Held(h.run(), h.nodeId(), clock.instant().plus(lease)));
    return true;
  }

  @Override
  public synchronized void finish(Run run, RunResult result) {
    Held h = held.get(new Key(run.scheduleId(), run.scheduledFor()));
    if (h != null && h.run().attempt() == run.attempt() && !finished.containsKey(run.id())) {
      finished.put(run.id(), result);
    }
  }

  /**
   * Whether {@code run}'s attempt is still the ledger's (no later attempt took it over): what a
   * fenced write asks. Writes made under this object's lock are atomic with the answer.
   */
  public synchronized boolean holds(Run run) {
    Held h = held.get(new Key(run.scheduleId(), run.scheduledFor()));
    return h != null && h.run().id().equals(run.id()) && h.run().attempt() == run.attempt();
  }

  /**
   * Lets the lease of the unfinished run of (schedule, instant) run out now, as if its node had
   * stalled past it: the next claim takes it over.
   */
  public synchronized void expireLease(Run run) {
    Key key = new Key(run.scheduleId(), run.scheduledFor());
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
