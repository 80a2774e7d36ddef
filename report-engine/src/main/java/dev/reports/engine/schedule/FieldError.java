package dev.reports.engine.schedule;

/** One invalid field of a schedule spec, named as in the HTTP API (snake_case). */
public record FieldError(String field, String message) {}
