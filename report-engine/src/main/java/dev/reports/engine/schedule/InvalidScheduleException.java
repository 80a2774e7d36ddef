package dev.reports.engine.schedule;

import dev.reports.engine.ReportEngineException;
import java.util.List;
import java.util.stream.Collectors;

/** A schedule spec that cannot be scheduled; {@link #errors()} names every bad field. */
public class InvalidScheduleException extends ReportEngineException {
  private final List<FieldError> errors;

  public InvalidScheduleException(List<FieldError> errors) {
    super(
        errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
