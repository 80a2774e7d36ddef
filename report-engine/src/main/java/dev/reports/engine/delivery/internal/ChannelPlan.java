package dev.reports.engine.delivery.internal;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.report.ReportDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who one channel of a run delivers to: its recipients, one per key (the first listed wins), and
 * the listed ones skipped by rule.
 */
record ChannelPlan(Channel channel, List<Recipient> targets, List<SkippedRecipient> skipped) {
  ChannelPlan {
    targets = List.copyOf(targets);
    skipped = List.copyOf(skipped);
  }

  /** One plan per channel the definition enables, in the order of their keys. */
  static List<ChannelPlan> of(ReportDefinition definition, ResolvedRecipients resolved) {
    return definition.channels().stream().sorted().map(channel -> of(channel, resolved)).toList();
  }

  private static ChannelPlan of(Channel channel, ResolvedRecipients resolved) {
    Map<String, Recipient> unique = new LinkedHashMap<>();
    resolved.recipients().stream()
        .filter(r -> r.channel().equals(channel))
        .forEach(r -> unique.putIfAbsent(r.key(), r));
    List<SkippedRecipient> skipped =
        resolved.skipped().stream().filter(s -> s.recipient().channel().equals(channel)).toList();
    return new ChannelPlan(channel, List.copyOf(unique.values()), skipped);
  }
}
