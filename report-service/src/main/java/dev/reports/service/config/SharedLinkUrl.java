package dev.reports.service.config;

import java.util.Objects;

/**
 * {@code REPORTS_SHARED_LINK_URL}: where a shared link is seen, for the messages that carry a
 * report, e.g. {@code https://app.example.com/s/{slug}} (the engine's {@code ReportMessage} puts
 * the slug in, percent-encoded).
 *
 * @param template an http(s) URL with {@value #PLACEHOLDER} where the shared link's slug goes
 */
public record SharedLinkUrl(String template) {
  public static final String PLACEHOLDER = "{slug}";

  public SharedLinkUrl {
    Objects.requireNonNull(template, "template");
    if (!template.contains(PLACEHOLDER)) {
      throw new IllegalArgumentException("the template has no " + PLACEHOLDER);
    }
  }
}
