package dev.reports.engine.delivery;

import java.util.List;

/** The recipients a run delivers to, and the ones it skips with their reasons. */
public record ResolvedRecipients(List<Recipient> recipients, List<SkippedRecipient> skipped) {
  public ResolvedRecipients {
    recipients = List.copyOf(recipients);
    skipped = List.copyOf(skipped);
  }
}
