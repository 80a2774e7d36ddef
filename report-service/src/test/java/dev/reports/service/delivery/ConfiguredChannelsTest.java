package dev.reports.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredChannelsTest {
  static final String TOKEN = "7713398155:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @TempDir Path dir;

  private List<DeliveryChannel> channels(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_DB_URL", "jdbc:postgresql://db.internal:5433/reports");
    env.put("REPORTS_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret");
    env.put("REPORTS_OUTBOX_DIR", dir.resolve("outbox").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return ConfiguredChannels.of(ServiceConfig.load(Mode.START, env));
  }

  @Test
  void inOutboxModeBothChannelsGoToTheOutbox() {
    List<DeliveryChannel> channels =
        channels("REPORTS_EMAIL_DELIVERY", "outbox", "REPORTS_TELEGRAM_DELIVERY", "outbox");

    assertThat(channels)
        .extracting(DeliveryChannel::channel)
        .containsExactly(Channel.EMAIL, Channel.TELEGRAM);
    assertThat(channels).extracting(DeliveryChannel::provider).containsOnly("outbox");
  }

  @Test
  void credentialsSelectLoopsAndTelegram() {
    List<DeliveryChannel> channels =
        channels(
            "REPORTS_LOOPS_API_KEY", "key",
            "REPORTS_LOOPS_TRANSACTIONAL_ID", "tid",
            "REPORTS_TELEGRAM_BOT_TOKEN", TOKEN);

    assertThat(channels).extracting(DeliveryChannel::provider).containsExactly("loops", "telegram");
  }

  @Test
  void onlyTheChannelInOutboxModeGoesToTheOutbox() {
    List<DeliveryChannel> channels =
        channels("REPORTS_TELEGRAM_BOT_TOKEN", TOKEN, "REPORTS_EMAIL_DELIVERY", "outbox");

    assertThat(channels)
        .extracting(DeliveryChannel::provider)
        .containsExactly("outbox", "telegram");
  }

  @Test
  void anOffChannelRefusesEveryDeliveryForGoodNamingItsMode() {
    List<DeliveryChannel> channels =
        channels("REPORTS_TELEGRAM_BOT_TOKEN", TOKEN, "REPORTS_EMAIL_DELIVERY", "off");

    assertThat(channels).extracting(DeliveryChannel::provider).containsExactly("off", "telegram");
    DeliveryException refused =
        catchThrowableOfType(DeliveryException.class, () -> channels.get(0).send(null));
    assertThat(refused.permanent()).isTrue();
    assertThat(refused.code()).isEqualTo("channel_off");
    assertThat(refused.getMessage())
        .isEqualTo("email delivery is off on this service (REPORTS_EMAIL_DELIVERY=off)");
  }
}
