package dev.reports.service.config;

import java.util.Locale;

/** How the service runs: {@code dev} needs no setup, {@code start} is production. */
public enum Mode {
  /** Embedded H2 under the data folder, demo data, a generated JWT secret, localhost only. */
  DEV,
  /** PostgreSQL from {@code REPORTS_DB_URL}, every secret from the environment. */
  START;

  /** The command line word that selects this mode. */
  public String command() {
    return name().toLowerCase(Locale.ROOT);
  }
}
