package dev.reports.engine.alert;

import dev.reports.engine.delivery.Recipient;
import java.util.List;

/**
 * Who receives a schedule's failure alerts.
 *
 * @param scheduleName the schedule's name (or its report's) as shown in the alert
 * @param recipients email recipients and Telegram chats, each told once per failed run
 */
public record AlertAudience(String scheduleName, List<Recipient> recipients) {
  public AlertAudience {
    recipients = List.copyOf(recipients);
  }
}
