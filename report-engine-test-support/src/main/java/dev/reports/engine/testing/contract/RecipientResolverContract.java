package dev.reports.engine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.RecipientResolver;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.report.ReportDefinition;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link RecipientResolver} keeps whatever the host's own policy (who is listed
 * where, what falls back to what), as tests: extend it, say how to make the resolver under test and
 * how the host stores a schedule with recipients, and every test must pass.
 */
public abstract class RecipientResolverContract {
  private RecipientResolver resolver;

  /** The resolver under test. Called once before each test. */
  protected abstract RecipientResolver recipientResolver();

  /**
   * Stores a new schedule of the host with {@code channels} enabled, whose recipients, valid and
   * active, are one user's email address and the Telegram chat {@code telegramChatId}; returns its
   * definition.
   */
  protected abstract ReportDefinition schedule(Set<Channel> channels, long telegramChatId);

  @BeforeEach
  void setUpRecipientResolverContract() {
    resolver = recipientResolver();
  }

  private static List<Channel> channels(ResolvedRecipients resolved) {
    return Stream.concat(
            resolved.recipients().stream(),
            resolved.skipped().stream().map(SkippedRecipient::recipient))
        .map(Recipient::channel)
        .toList();
  }

  @Test
  void theRecipientsOfEveryEnabledChannelAreResolved() {
    ReportDefinition definition = schedule(Set.of(Channel.EMAIL, Channel.TELEGRAM), -100_501L);

    ResolvedRecipients resolved = resolver.resolve(definition);

    assertThat(resolved.recipients()).contains(Recipient.telegram(-100_501L));
    assertThat(resolved.recipients())
        .extracting(Recipient::channel)
        .contains(Channel.EMAIL, Channel.TELEGRAM);
  }

  @Test
  void aChannelTheScheduleDoesNotUseResolvesToNobody() {
    ReportDefinition definition = schedule(Set.of(Channel.TELEGRAM), -100_502L);

    ResolvedRecipients resolved = resolver.resolve(definition);

    assertThat(resolved.recipients()).containsExactly(Recipient.telegram(-100_502L));
    assertThat(channels(resolved)).containsOnly(Channel.TELEGRAM);
  }

  @Test
  void noRecipientIsResolvedTwiceNorBothSentToAndSkipped() {
    ReportDefinition definition = schedule(Set.of(Channel.EMAIL, Channel.TELEGRAM), -100_503L);

    ResolvedRecipients resolved = resolver.resolve(definition);

    assertThat(resolved.recipients()).extracting(Recipient::key).doesNotHaveDuplicates();
    assertThat(resolved.skipped())
        .extracting(SkippedRecipient::recipient)
        .doesNotContainAnyElementsOf(resolved.recipients());
    assertThat(resolved.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
  }
}
