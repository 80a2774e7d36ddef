package dev.reports.service.config;

import java.net.URI;

/**
 * Telegram delivery through the Bot API.
 *
 * @param botToken the bot's token; it is part of every request's path, so URLs built from it are
 *     secrets too
 * @param baseUrl the Bot API base, without a trailing slash
 */
public record TelegramSettings(Secret botToken, URI baseUrl) {
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.telegram.org");
}
