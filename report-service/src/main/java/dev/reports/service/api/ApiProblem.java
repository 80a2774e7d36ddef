package dev.reports.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.reports.engine.schedule.FieldError;
import java.util.List;

/**
 * An error answer of the API, as an RFC 9457 problem; thrown by handlers, written as {@code
 * application/problem+json} by {@link ApiModule}.
 */
final class ApiProblem extends RuntimeException {
  static final String MALFORMED = "urn:scheduled-reports:problem:malformed-request";
  static final String INVALID = "urn:scheduled-reports:problem:invalid-fields";

  static final String RUN_IN_PROGRESS = "urn:scheduled-reports:problem:run-in-progress";
  static final String TOO_MANY_RUNS = "urn:scheduled-reports:problem:too-many-manual-runs";
  static final String QUOTA = "urn:scheduled-reports:problem:schedule-quota";

  /**
   * The problem document; {@code errors} is left out when there are none, {@code run_id} (the run a
   * 409 is about) when there is none.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Body(
      String type,
      String title,
      int status,
      String detail,
      List<FieldError> errors,
      java.util.UUID runId) {
    Body(String type, String title, int status, String detail, List<FieldError> errors) {
      this(type, title, status, detail, errors, null);
    }
  }

  private final transient Body body;
  private final transient java.util.Map<String, String> headers;

  private ApiProblem(
      String type, String title, int status, String detail, List<FieldError> errors) {
    this(new Body(type, title, status, detail, List.copyOf(errors)), java.util.Map.of());
  }

  private ApiProblem(Body body, java.util.Map<String, String> headers) {
    super(body.detail(), null, false, false);
    this.body = body;
    this.headers = headers;
  }

  Body body() {
    return body;
  }

  /** Headers the answer carries besides the problem (e.g. {@code Retry-After}). */
  java.util.Map<String, String> headers() {
    return headers;
  }

  /** 409: a manual run of the schedule is in progress; names it. */
  static ApiProblem runInProgress(java.util.UUID runId, String detail) {
    return new ApiProblem(
        new Body(RUN_IN_PROGRESS, "Run in progress", 409, detail, List.of(), runId),
        java.util.Map.of());
  }

  /** 429: too many manual runs; try again after {@code seconds}. */
  static ApiProblem tooManyRuns(long seconds, String detail) {
    return new ApiProblem(
        new Body(TOO_MANY_RUNS, "Too Many Requests", 429, detail, List.of(), null),
        java.util.Map.of("Retry-After", Long.toString(seconds)));
  }

  /** 409: the organization holds as many schedules as it may. */
  static ApiProblem quota(String detail) {
    return new ApiProblem(QUOTA, "Schedule quota reached", 409, detail, List.of());
  }

  int status() {
    return body.status();
  }

  static ApiProblem malformed(String detail, List<FieldError> errors) {
    return new ApiProblem(MALFORMED, "Malformed request", 400, detail, errors);
  }

  static ApiProblem malformed(String detail) {
    return malformed(detail, List.of());
  }

  static ApiProblem unauthorized(String detail) {
    return of(401, "Unauthorized", detail);
  }

  static ApiProblem notFound() {
    return of(404, "Not Found", "No report schedule with this id");
  }

  static ApiProblem tooLarge(int limit) {
    return of(413, "Content Too Large", "The request body is larger than " + limit + " bytes");
  }

  static ApiProblem unsupportedMediaType(String contentType) {
    return of(
        415, "Unsupported Media Type", "Send the body as application/json, not " + contentType);
  }

  static ApiProblem invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? "1 field is invalid: " + errors.get(0).field()
            : errors.size() + " fields are invalid";
    return new ApiProblem(INVALID, "Invalid fields", 422, detail, errors);
  }

  static ApiProblem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  static ApiProblem databaseUnavailable() {
    return of(
        503,
        "Service Unavailable",
        "The database cannot be reached at the moment; try again in a few seconds");
  }

  /** A plain HTTP error, with no more meaning than its status ({@code about:blank}). */
  static ApiProblem of(int status, String title, String detail) {
    return new ApiProblem("about:blank", title, status, detail, List.of());
  }
}
