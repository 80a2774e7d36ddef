package dev.reports.engine;

/** The root of every exception the engine throws; all are unchecked. */
public class ReportEngineException extends RuntimeException {
  /** An engine failure described by {@code message}. */
  public ReportEngineException(String message) {
    super(message);
  }

  /** An engine failure described by {@code message}, caused by {@code cause}. */
  public ReportEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
