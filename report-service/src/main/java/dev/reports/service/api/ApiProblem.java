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

  /** The problem document; {@code errors} is left out when there are none. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Body(String type, String title, int status, String detail, List<FieldError> errors) {}

  private final transient Body body;

  private ApiProblem(
      String type, String title, int status, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.body = new Body(type, title, status, detail, List.copyOf(errors));
  }

  Body body() {
    return body;
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
