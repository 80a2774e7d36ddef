package dev.reports.service.config;

import dev.reports.engine.delivery.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How each channel delivers on this node. A schedule may not enable a channel that is {@link
 * DeliveryMode#OFF off}.
 *
 * @param email {@code REPORTS_EMAIL_DELIVERY}
 * @param telegram {@code REPORTS_TELEGRAM_DELIVERY}
 */
public record ChannelModes(DeliveryMode email, DeliveryMode telegram) {
  /** Every channel through its provider: what an embedding without configuration gets. */
  public static final ChannelModes PROVIDERS =
      new ChannelModes(DeliveryMode.PROVIDER, DeliveryMode.PROVIDER);

  public ChannelModes {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(telegram, "telegram");
  }

  /** The mode of {@code channel}. */
  public DeliveryMode mode(Channel channel) {
    return switch (channel) {
      case EMAIL -> email;
      case TELEGRAM -> telegram;
    };
  }

  /** Whether schedules may use {@code channel} on this node. */
  public boolean available(Channel channel) {
    return mode(channel) != DeliveryMode.OFF;
  }

  /** The variable that sets {@code channel}'s mode, e.g. {@code REPORTS_EMAIL_DELIVERY}. */
  public static Setting setting(Channel channel) {
    return switch (channel) {
      case EMAIL -> Setting.EMAIL_DELIVERY;
      case TELEGRAM -> Setting.TELEGRAM_DELIVERY;
    };
  }

  /** Channel code to mode code, e.g. {@code {"email": "provider", "telegram": "off"}}. */
  public Map<String, String> codes() {
    Map<String, String> codes = new LinkedHashMap<>();
    for (Channel channel : Channel.values()) {
      codes.put(channel.code(), mode(channel).code());
    }
    return codes;
  }
}
