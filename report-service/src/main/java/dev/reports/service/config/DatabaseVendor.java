package dev.reports.service.config;

/** The databases the service runs on. */
public enum DatabaseVendor {
  /** Production, and every test. */
  POSTGRESQL,
  /** {@code dev} mode only: an embedded file database in PostgreSQL compatibility mode. */
  H2
}
