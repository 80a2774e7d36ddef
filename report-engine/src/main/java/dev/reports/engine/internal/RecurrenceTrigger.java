package dev.reports.engine.internal;

import dev.reports.engine.schedule.internal.Recurrence;
import dev.reports.engine.schedule.internal.Specs;
import java.util.Date;
import java.util.Optional;
import org.quartz.Calendar;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.ScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.impl.triggers.AbstractTrigger;
import org.quartz.spi.MutableTrigger;

/**
 * A Quartz trigger that fires at a {@link Recurrence}'s instants, so that DST gaps and overlaps are
 * handled exactly as {@code upcoming} shows them (Quartz's CronTrigger skips a run in a
 * spring-forward gap).
 *
 * <p>It ignores Quartz's misfire handling: a late trigger fires once, and its next fire time then
 * jumps past the present, whatever number of instants were missed. The run job decides whether the
 * latest missed instant still runs (within the grace window) or is recorded as missed.
 */
public final class RecurrenceTrigger extends AbstractTrigger<Trigger> {
  private static final long serialVersionUID = 1L;

  private String expression;
  private String zone;
  private transient Recurrence recurrence;
  private Date startTime = new Date();
  private Date endTime;
  private Date nextFireTime;
  private Date previousFireTime;

  public RecurrenceTrigger() {
    setMisfireInstruction(MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);
  }

  RecurrenceTrigger(String expression, String zone) {
    this();
    this.expression = expression;
    this.zone = zone;
  }

  /** The schedule's cron expression (5 fields; 6 with seconds in tests). */
  public String expression() {
    return expression;
  }

  /** The schedule's zone id. */
  public String zone() {
    return zone;
  }

  public Recurrence recurrence() {
    if (recurrence == null) {
      recurrence = Specs.stored(expression, zone);
    }
    return recurrence;
  }

  private Date after(Date time) {
    Optional<java.time.Instant> next = recurrence().next(time.toInstant());
    if (next.isEmpty()) {
      return null;
    }
    Date d = Date.from(next.get());
    return endTime != null && d.after(endTime) ? null : d;
  }

  @Override
  public void triggered(Calendar calendar) {
    previousFireTime = nextFireTime;
    // Never more than one fire for instants that passed while nobody fired them.
    Date now = new Date();
    Date from = previousFireTime != null && previousFireTime.after(now) ? previousFireTime : now;
    nextFireTime = after(from);
  }

  @Override
  public Date computeFirstFireTime(Calendar calendar) {
    nextFireTime = after(new Date(startTime.getTime() - 1));
    return nextFireTime;
  }

  @Override
  public CompletedExecutionInstruction executionComplete(
      JobExecutionContext context, JobExecutionException result) {
    return super.executionComplete(context, result);
  }

  @Override
  public void updateAfterMisfire(Calendar calendar) {
    // Misfires are ignored (see the class comment); only reached if someone changes the policy.
    nextFireTime = after(new Date());
  }

  @Override
  public void updateWithNewCalendar(Calendar calendar, long misfireThreshold) {
    // Calendars are not used.
  }

  @Override
  protected boolean validateMisfireInstruction(int instruction) {
    return instruction == MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY
        || instruction == MISFIRE_INSTRUCTION_SMART_POLICY;
  }

  @Override
  public Date getNextFireTime() {
    return nextFireTime;
  }

  @Override
  public Date getPreviousFireTime() {
    return previousFireTime;
  }

  @Override
  public void setNextFireTime(Date nextFireTime) {
    this.nextFireTime = nextFireTime;
  }

  @Override
  public void setPreviousFireTime(Date previousFireTime) {
    this.previousFireTime = previousFireTime;
  }

  @Override
  public Date getFireTimeAfter(Date afterTime) {
    return after(afterTime == null ? new Date() : afterTime);
  }

  @Override
  public Date getFinalFireTime() {
    return null;
  }

  @Override
  public boolean mayFireAgain() {
    return nextFireTime != null;
  }

  @Override
  public Date getStartTime() {
    return startTime;
  }

  @Override
  public void setStartTime(Date startTime) {
    this.startTime = startTime;
  }

  @Override
  public Date getEndTime() {
    return endTime;
  }

  @Override
  public void setEndTime(Date endTime) {
    this.endTime = endTime;
  }

  @Override
  public ScheduleBuilder<Trigger> getScheduleBuilder() {
    return new Builder(expression, zone);
  }

  /** Builds {@link RecurrenceTrigger}s with Quartz's {@code TriggerBuilder}. */
  public static final class Builder extends ScheduleBuilder<Trigger> {
    private final String expression;
    private final String zone;

    public Builder(String expression, String zone) {
      this.expression = expression;
      this.zone = zone;
    }

    @Override
    protected MutableTrigger build() {
      return new RecurrenceTrigger(expression, zone);
    }
  }
}
