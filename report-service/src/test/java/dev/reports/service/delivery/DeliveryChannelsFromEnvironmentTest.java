package dev.reports.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryChannelsFromEnvironmentTest {
  static final String TOKEN = "7713398155:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @Test
  void withoutCredentialsBothChannelsGoToTheOutbox() {
    List<DeliveryChannel> channels = DeliveryChannelsFromEnvironment.channels(Map.of());

    assertThat(channels)
        .extracting(DeliveryChannel::channel)
        .containsExactly(Channel.EMAIL, Channel.TELEGRAM);
    assertThat(channels).extracting(DeliveryChannel::provider).containsOnly("outbox");
  }

  @Test
  void credentialsSelectLoopsAndTelegram() {
    List<DeliveryChannel> channels =
        DeliveryChannelsFromEnvironment.channels(
            Map.of(
                "REPORTS_LOOPS_API_KEY", "key",
                "REPORTS_LOOPS_TRANSACTIONAL_ID", "tid",
                "REPORTS_TELEGRAM_BOT_TOKEN", TOKEN,
                "REPORTS_OUTBOX_DIR", "/tmp/outbox"));

    assertThat(channels).extracting(DeliveryChannel::provider).containsExactly("loops", "telegram");
  }

  @Test
  void onlyTheChannelWithoutCredentialsGoesToTheOutbox() {
    List<DeliveryChannel> channels =
        DeliveryChannelsFromEnvironment.channels(Map.of("REPORTS_TELEGRAM_BOT_TOKEN", TOKEN));

    assertThat(channels)
        .extracting(DeliveryChannel::provider)
        .containsExactly("outbox", "telegram");
  }

  @Test
  void aLoopsKeyWithoutATemplateIsRejectedNamingTheSetting() {
    assertThatThrownBy(
            () ->
                DeliveryChannelsFromEnvironment.channels(
                    Map.of("REPORTS_LOOPS_API_KEY", "secret-key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("REPORTS_LOOPS_TRANSACTIONAL_ID is required when REPORTS_LOOPS_API_KEY is set")
        .hasMessageNotContaining("secret-key");
  }

  @Test
  void aMalformedTokenOrUrlIsRejectedWithoutShowingTheSecret() {
    assertThatThrownBy(
            () ->
                DeliveryChannelsFromEnvironment.channels(
                    Map.of("REPORTS_TELEGRAM_BOT_TOKEN", "not a token")))
        .hasMessageStartingWith("REPORTS_TELEGRAM_BOT_TOKEN ")
        .hasMessageNotContaining("not a token");
    assertThatThrownBy(
            () ->
                DeliveryChannelsFromEnvironment.channels(
                    Map.of(
                        "REPORTS_TELEGRAM_BOT_TOKEN",
                        TOKEN,
                        "REPORTS_TELEGRAM_BASE_URL",
                        "ftp://x")))
        .hasMessageStartingWith("REPORTS_TELEGRAM_BASE_URL must be an http(s) URL");
  }
}
