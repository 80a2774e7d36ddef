package dev.reports.service.config;

import dev.reports.engine.delivery.Channel;
import java.util.LinkedHashMap;
import java.util.List;
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
  /** The channels this service delivers on, in the order it lists them. */
  public static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.TELEGRAM);

  /** Every channel through its provider: what an embedding without configuration gets. */
  public static final ChannelModes PROVIDERS =
      new ChannelModes(DeliveryMode.PROVIDER, DeliveryMode.PROVIDER);

  public ChannelModes {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(telegram, "telegram");
  }

  /** The mode of {@code channel}. */
  public DeliveryMode mode(Channel channel) {
    if (channel.equals(Channel.EMAIL)) {
      return email;
    }
    if (channel.equals(Channel.TELEGRAM)) {
      return telegram;
    }
    throw new IllegalArgumentException("the service has no " + channel.code() + " channel");
  }

  /** Whether schedules may use {@code channel} on this node. */
  public boolean available(Channel channel) {
    return mode(channel) != DeliveryMode.OFF;
  }

  /** The variable that sets {@code channel}'s mode, e.g. {@code REPORTS_EMAIL_DELIVERY}. */
  public static Setting setting(Channel channel) {
    if (channel.equals(Channel.EMAIL)) {
      return Setting.EMAIL_DELIVERY;
    }
    if (channel.equals(Channel.TELEGRAM)) {
      return Setting.TELEGRAM_DELIVERY;
    }
    throw new IllegalArgumentException("the service has no " + channel.code() + " channel");
  }

  /** Channel code to mode code, e.g. {@code {"email": "provider", "telegram": "off"}}. */
  public Map<String, String> codes() {
    Map<String, String> codes = new LinkedHashMap<>();
    for (Channel channel : CHANNELS) {
      codes.put(channel.code(), mode(channel).code());
    }
    return codes;
  }
}
