package dev.reports.service;

/**
 * The service cannot start for a reason outside its configuration's syntax (the database is
 * unreachable, the schema cannot be migrated, the port is taken). The message is one line that
 * names the setting to look at, never a secret; {@link Main} prints it and exits with {@link
 * #exitCode()}.
 */
public final class StartupException extends RuntimeException {
  /** sysexits' EX_UNAVAILABLE: a service the node needs does not answer. */
  public static final int UNAVAILABLE = 69;

  /** sysexits' EX_SOFTWARE: anything else. */
  public static final int FAILED = 70;

  /** A setting is missing or wrong (every one named, one line each). */
  public static final int CONFIG = 2;

  private final int exitCode;

  public StartupException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
