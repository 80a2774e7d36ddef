package dev.reports.engine.delivery;

import dev.reports.engine.report.ReportDefinition;

/** Finds, at run time, who receives a schedule's report. */
@FunctionalInterface
public interface RecipientResolver {
  /**
   * The recipients of each of the definition's channels, and the listed ones that are skipped, with
   * the reason (a deactivated user, another organization's).
   */
  ResolvedRecipients resolve(ReportDefinition definition);
}
