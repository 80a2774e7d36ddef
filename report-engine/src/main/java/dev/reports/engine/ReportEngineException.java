package dev.reports.engine;

/** The root of every exception the engine throws; all are unchecked. */
public class ReportEngineException extends RuntimeException {
  public ReportEngineException(String message) {
    super(message);
  }

  public ReportEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
