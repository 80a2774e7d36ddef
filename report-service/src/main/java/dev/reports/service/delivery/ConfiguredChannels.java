package dev.reports.service.delivery;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.service.config.ServiceConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery channels the configuration asks for (CONTRACT §3): Loops when its key is set,
 * Telegram when its bot token is set, and the outbox folder for a channel without credentials. The
 * configuration has already been checked ({@link ServiceConfig#load}).
 */
public final class ConfiguredChannels {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredChannels.class);

  private ConfiguredChannels() {}

  /** One channel per {@link Channel}: email first, then Telegram. */
  public static List<DeliveryChannel> of(ServiceConfig config) {
    return of(config, null);
  }

  /**
   * One channel per {@link Channel}, email alerts sent with the Loops template {@code
   * alertTransactionalId} (null: the reports' template).
   */
  public static List<DeliveryChannel> of(ServiceConfig config, String alertTransactionalId) {
    DeliveryChannel email =
        config
            .loops()
            .<DeliveryChannel>map(
                loops -> {
                  log.info("Email deliveries go to Loops at {}", loops.baseUrl());
                  return DeliveryChannels.loops(
                      LoopsSettings.of(loops.apiKey().reveal(), loops.transactionalId())
                          .withBaseUrl(loops.baseUrl().toString()),
                      alertTransactionalId);
                })
            .orElseGet(() -> outbox(Channel.EMAIL, config));
    DeliveryChannel telegram =
        config
            .telegram()
            .<DeliveryChannel>map(
                bot -> {
                  log.info("Telegram deliveries go to the Bot API at {}", bot.baseUrl());
                  return DeliveryChannels.telegram(
                      TelegramSettings.of(bot.botToken().reveal())
                          .withBaseUrl(bot.baseUrl().toString()));
                })
            .orElseGet(() -> outbox(Channel.TELEGRAM, config));
    return List.of(email, telegram);
  }

  private static DeliveryChannel outbox(Channel channel, ServiceConfig config) {
    log.info(
        "{} deliveries go to the outbox {} (no credentials are set)",
        channel.code(),
        config.outboxDir());
    return DeliveryChannels.outbox(channel, config.outboxDir());
  }
}
