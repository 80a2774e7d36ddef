package dev.reports.service.schedule;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.ReportEngineException;
import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.engine.schedule.Schedule;
import dev.reports.service.config.ChannelModes;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organization's report schedules: every change validates the whole schedule first, then writes
 * its row, its recipients and its engine trigger in one transaction, so that a failure anywhere
 * leaves the schedule as it was.
 *
 * <p>Every method is scoped to one organization: another organization's schedule is treated exactly
 * like one that does not exist.
 */
public final class Schedules {
  private static final Logger log = LoggerFactory.getLogger(Schedules.class);

  private final DSLContext dsl;
  private final ReportEngine engine;
  private final ScheduleValidator validator;
  private final ScheduleRepository repository = new ScheduleRepository();
  private final RunHistory history = new RunHistory(repository);
  private final int maxSchedulesPerOrganization;

  /** How many schedules an organization may hold unless told otherwise. */
  public static final int DEFAULT_MAX_SCHEDULES_PER_ORGANIZATION = 1000;

  public Schedules(DSLContext dsl, ReportEngine engine) {
    this(dsl, engine, ChannelModes.PROVIDERS, DEFAULT_MAX_SCHEDULES_PER_ORGANIZATION);
  }

  /**
   * Schedules on a service whose channels deliver as {@code channels} say (none may be off).
   *
   * @param maxSchedulesPerOrganization how many schedules (not deleted) an organization may hold; a
   *     create past it throws {@link ScheduleQuotaExceededException}
   */
  public Schedules(
      DSLContext dsl, ReportEngine engine, ChannelModes channels, int maxSchedulesPerOrganization) {
    if (maxSchedulesPerOrganization < 1) {
      throw new IllegalArgumentException(
          "maxSchedulesPerOrganization must be at least 1: " + maxSchedulesPerOrganization);
    }
    this.dsl = dsl;
    this.engine = engine;
    this.validator = new ScheduleValidator(engine, channels);
    this.maxSchedulesPerOrganization = maxSchedulesPerOrganization;
  }

  /**
   * Creates a schedule and its trigger; throws {@link InvalidScheduleException} naming every bad
   * field, or {@link ScheduleQuotaExceededException} when the organization holds as many schedules
   * as it may (counted under a lock of the organization, so concurrent creates cannot overshoot),
   * having written nothing.
   *
   * <p>The row is committed before the trigger is created, so that a trigger firing at once already
   * finds its schedule (a fire that found none would remove the trigger as orphaned); if the engine
   * then refuses or fails, the row is removed again and nothing is left.
   */
  public StoredSchedule create(UUID organizationId, UUID createdBy, ScheduleInput input) {
    UUID id = UUID.randomUUID();
    ScheduleDraft draft =
        dsl.transactionResult(
            tx -> {
              ScheduleDraft valid = validator.validate(tx.dsl(), organizationId, input);
              if (repository.countActiveLocked(tx.dsl(), organizationId)
                  >= maxSchedulesPerOrganization) {
                throw new ScheduleQuotaExceededException(maxSchedulesPerOrganization);
              }
              repository.insert(tx.dsl(), id, organizationId, createdBy, valid);
              return valid;
            });
    boolean scheduled = false;
    try {
      Optional<Instant> next = engine.schedule(new Schedule(id, draft.spec(), draft.enabled()));
      scheduled = true;
      repository.setNextRunAt(dsl, id, next);
    } catch (RuntimeException e) {
      if (scheduled) {
        undo("unschedule " + id, () -> engine.unschedule(id));
      }
      undo("remove the row of " + id, () -> repository.remove(dsl, id));
      throw e;
    }
    return repository.findActive(dsl, organizationId, id, false).orElseThrow();
  }

  /** The schedule, unless it is missing, deleted or another organization's. */
  public Optional<StoredSchedule> find(UUID organizationId, UUID id) {
    return repository.findActive(dsl, organizationId, id, false);
  }

  /** The organization's schedules (of one shared link, when given), newest first. */
  public Page<StoredSchedule> list(
      UUID organizationId, Optional<UUID> sharedLinkId, Optional<Keyset> after, int limit) {
    return repository.list(
        dsl, organizationId, sharedLinkId.orElse(null), after.orElse(null), limit);
  }

  /**
   * Applies a patch and reschedules; empty when there is no such schedule. Throws {@link
   * InvalidScheduleException} naming every bad field of the patched schedule, having changed
   * nothing.
   */
  public Optional<StoredSchedule> update(UUID organizationId, UUID id, SchedulePatch patch) {
    AtomicReference<StoredSchedule> before = new AtomicReference<>();
    AtomicReference<Schedule> scheduled = new AtomicReference<>();
    boolean found;
    try {
      found =
          dsl.transactionResult(
              tx -> {
                Optional<StoredSchedule> current =
                    repository.findActive(tx.dsl(), organizationId, id, true);
                if (current.isEmpty()) {
                  return false;
                }
                before.set(current.get());
                ScheduleDraft draft =
                    validator.validate(
                        tx.dsl(),
                        organizationId,
                        patch.against(current.get()).applyTo(current.get().draft().toInput()),
                        listedChats(current.get().draft()));
                if (draft.equals(current.get().draft())) {
                  return true;
                }
                repository.update(tx.dsl(), id, draft);
                if (draft.enabled() && !current.get().draft().enabled()) {
                  repository.clearFailures(tx.dsl(), id);
                }
                Schedule schedule = new Schedule(id, draft.spec(), draft.enabled());
                Optional<Instant> next = engine.schedule(schedule);
                scheduled.set(schedule);
                repository.setNextRunAt(tx.dsl(), id, next);
                return true;
              });
    } catch (RuntimeException e) {
      if (scheduled.get() != null) {
        ScheduleDraft old = before.get().draft();
        undo(
            "restore the trigger of " + id,
            () -> engine.schedule(new Schedule(id, old.spec(), old.enabled())));
      }
      throw e;
    }
    return found ? repository.findActive(dsl, organizationId, id, false) : Optional.empty();
  }

  /**
   * Deletes the schedule and its trigger; its runs and deliveries stay readable. False when there
   * is no such schedule.
   */
  public boolean delete(UUID organizationId, UUID id) {
    return dsl.transactionResult(
        tx -> {
          if (!repository.softDelete(tx.dsl(), organizationId, id)) {
            return false;
          }
          engine.unschedule(id);
          return true;
        });
  }

  /**
   * Starts a run now, outside the schedule; the run's id, or empty when there is no such schedule.
   */
  public Optional<UUID> runNow(UUID organizationId, UUID id) {
    return runNow(organizationId, id, null).map(ManualRun::runId);
  }

  /**
   * Starts a run now, outside the schedule, behind its brakes (held across the cluster, in the
   * database): the same {@code idempotencyKey} (may be null) within 24 hours answers the run it
   * started; while a manual run of the schedule is in progress, or after {@value
   * ManualRuns#PER_MINUTE} manual runs of the organization in the last minute, it throws {@link
   * ManualRunRefusedException}. Empty when there is no such schedule.
   */
  public Optional<ManualRun> runNow(UUID organizationId, UUID id, String idempotencyKey) {
    Optional<StoredSchedule> schedule = repository.findActive(dsl, organizationId, id, false);
    if (schedule.isEmpty()) {
      return Optional.empty();
    }
    UUID runId = UUID.randomUUID();
    return Optional.of(
        dsl.transactionResult(
            tx -> {
              DSLContext t = tx.dsl();
              OrganizationLocks.lock(t, organizationId);
              ManualRuns.prune(t, organizationId);
              Optional<UUID> earlier = ManualRuns.earlier(t, organizationId, id, idempotencyKey);
              if (earlier.isPresent()) {
                return new ManualRun(earlier.get(), true);
              }
              ManualRuns.refuseWhileInProgress(t, id);
              ManualRuns.refuseOverRate(t, organizationId);
              ManualRuns.record(t, runId, organizationId, id, idempotencyKey);
              // the trigger is the engine's (its own transaction); should this one then fail to
              // commit, the run still happens, only unrecorded for the brakes
              start(id, runId, schedule.get());
              return new ManualRun(runId, false);
            }));
  }

  private void start(UUID id, UUID runId, StoredSchedule schedule) {
    try {
      engine.runNow(id, runId);
    } catch (InvalidScheduleException e) {
      throw e;
    } catch (ReportEngineException e) {
      // The row is the truth: a trigger lost behind the service's back is put back, then run.
      log.warn("schedule {} had no trigger; rescheduling it before running it", id, e);
      ScheduleDraft draft = schedule.draft();
      engine.schedule(new Schedule(id, draft.spec(), draft.enabled()));
      engine.runNow(id, runId);
    }
  }

  private static Set<Long> listedChats(ScheduleDraft draft) {
    Set<Long> chats = new HashSet<>();
    for (ScheduleRecipient r : draft.recipients()) {
      if (r.telegramChatId() != null) {
        chats.add(r.telegramChatId());
      }
    }
    return chats;
  }

  /**
   * The next {@code count} fire instants as the engine computes them; empty when no such schedule.
   */
  public Optional<List<Instant>> upcoming(UUID organizationId, UUID id, int count) {
    if (!repository.exists(dsl, organizationId, id, false)) {
      return Optional.empty();
    }
    return Optional.of(engine.upcoming(id, count));
  }

  /**
   * The schedule's delivery log, newest first; deleted schedules keep theirs. Empty when the
   * schedule never was the organization's.
   */
  public Optional<Page<Notification>> notifications(
      UUID organizationId, UUID id, Optional<Keyset> after, int limit) {
    if (!repository.exists(dsl, organizationId, id, true)) {
      return Optional.empty();
    }
    return Optional.of(
        repository.notifications(dsl, organizationId, id, after.orElse(null), limit));
  }

  /**
   * The schedule's runs, newest first; deleted schedules keep theirs. Empty when the schedule never
   * was the organization's.
   */
  public Optional<Page<ReportRun>> runs(
      UUID organizationId, UUID id, Optional<Keyset> after, int limit) {
    return history.runs(dsl, organizationId, id, after.orElse(null), limit);
  }

  /** One run with its deliveries; empty when it is not a run of the organization's schedules. */
  public Optional<RunDetail> run(UUID organizationId, UUID runId) {
    return history.run(dsl, organizationId, runId);
  }

  private static void undo(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // The engine's reconciliation repairs what is left; the original failure is what the caller
      // sees.
      log.warn("could not {} after a failed change; reconciliation will repair it", what, e);
    }
  }
}
