package dev.reports.service.delivery;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Delivery;
import dev.reports.engine.delivery.DeliveryChannel;
import dev.reports.engine.delivery.DeliveryChannels;
import dev.reports.engine.delivery.DeliveryException;
import dev.reports.engine.delivery.DeliveryReceipt;
import dev.reports.engine.delivery.LoopsSettings;
import dev.reports.engine.delivery.TelegramChatMigrations;
import dev.reports.engine.delivery.TelegramSettings;
import dev.reports.service.config.ChannelModes;
import dev.reports.service.config.DeliveryMode;
import dev.reports.service.config.ServiceConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery channels the configuration asks for, by each channel's mode: {@code provider}
 * (Loops, the Telegram Bot API), {@code outbox} (the outbox folder) or {@code off}, a channel that
 * refuses every delivery, so that a schedule saved before the channel was turned off gets a failed
 * delivery that names the mode. The configuration has already been checked ({@link
 * ServiceConfig#load}).
 */
public final class ConfiguredChannels {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredChannels.class);

  private ConfiguredChannels() {}

  /** One channel per {@link Channel}: email first, then Telegram; chat moves are only logged. */
  public static List<DeliveryChannel> of(ServiceConfig config) {
    return of(config, (scheduleId, from, to) -> {});
  }

  /**
   * One channel per {@link Channel}: email first, then Telegram, which tells {@code migrations}
   * when a group became a supergroup.
   */
  public static List<DeliveryChannel> of(ServiceConfig config, TelegramChatMigrations migrations) {
    return List.of(email(config), telegram(config, migrations));
  }

  private static DeliveryChannel email(ServiceConfig config) {
    return switch (config.channels().email()) {
      case PROVIDER -> {
        var loops = config.loops().orElseThrow();
        log.info("Email deliveries go to Loops at {}", loops.baseUrl());
        // the shared link's URL reaches every channel through the report (VideosReport)
        yield DeliveryChannels.loops(
            LoopsSettings.of(loops.apiKey().reveal(), loops.transactionalId())
                .withBaseUrl(loops.baseUrl().toString()),
            loops.alertTransactionalId());
      }
      case OUTBOX -> outbox(Channel.EMAIL, config);
      case OFF -> off(Channel.EMAIL);
    };
  }

  private static DeliveryChannel telegram(ServiceConfig config, TelegramChatMigrations migrations) {
    return switch (config.channels().telegram()) {
      case PROVIDER -> {
        var bot = config.telegram().orElseThrow();
        log.info("Telegram deliveries go to the Bot API at {}", bot.baseUrl());
        yield DeliveryChannels.telegram(
            TelegramSettings.of(bot.botToken().reveal()).withBaseUrl(bot.baseUrl().toString()),
            migrations);
      }
      case OUTBOX -> outbox(Channel.TELEGRAM, config);
      case OFF -> off(Channel.TELEGRAM);
    };
  }

  private static DeliveryChannel outbox(Channel channel, ServiceConfig config) {
    log.info(
        "{} deliveries go to the outbox {} ({}=outbox)",
        channel.code(),
        config.outboxDir(),
        ChannelModes.setting(channel));
    return DeliveryChannels.outbox(channel, config.outboxDir());
  }

  private static DeliveryChannel off(Channel channel) {
    log.info("{} delivery is off ({}=off)", channel.code(), ChannelModes.setting(channel));
    return new OffChannel(channel);
  }

  /** A channel turned off: every delivery fails, for good, naming the setting. */
  static final class OffChannel implements DeliveryChannel {
    private final Channel channel;

    OffChannel(Channel channel) {
      this.channel = channel;
    }

    @Override
    public Channel channel() {
      return channel;
    }

    @Override
    public DeliveryReceipt send(Delivery delivery) {
      throw new DeliveryException(
          "channel_off",
          channel.code()
              + " delivery is off on this service ("
              + ChannelModes.setting(channel)
              + "="
              + DeliveryMode.OFF.code()
              + ")",
          true,
          null);
    }

    @Override
    public String provider() {
      return DeliveryMode.OFF.code();
    }
  }
}
