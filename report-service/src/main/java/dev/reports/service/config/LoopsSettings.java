package dev.reports.service.config;

import java.net.URI;

/**
 * Email delivery through the Loops transactional API.
 *
 * @param apiKey the team's API key
 * @param transactionalId the transactional email template that carries the report
 * @param baseUrl the API base, without a trailing slash
 * @param alertTransactionalId the template of failure alerts; by default the reports' own
 */
public record LoopsSettings(
    Secret apiKey, String transactionalId, URI baseUrl, String alertTransactionalId) {
  public static final URI DEFAULT_BASE_URL = URI.create("https://app.loops.so");

  /** Settings whose alerts use the reports' template. */
  public LoopsSettings(Secret apiKey, String transactionalId, URI baseUrl) {
    this(apiKey, transactionalId, baseUrl, transactionalId);
  }
}
