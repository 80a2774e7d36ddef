package dev.reports.service.command;

/** A command was given options it cannot use; the message says which, in one line. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
