package dev.reports.service.cluster;

import dev.reports.engine.testing.FakeLoopsServer;
import dev.reports.engine.testing.FakeTelegramServer;
import dev.reports.service.cluster.ProviderRules.Limit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Fake Loops and Telegram on loopback for a whole cluster: every request recorded, the real rate
 * limits enforced (docs/delivery.md: Telegram 30 messages/s per bot, 1/s per chat, 20/min per
 * group; Loops 10 requests/s per team) with 429 and {@code retry_after}, faults injected on demand.
 */
final class Providers implements AutoCloseable {
  static final Limit BOT = new Limit("bot", 30, Duration.ofSeconds(1));
  static final Limit TEAM = new Limit("team", 10, Duration.ofSeconds(1));

  final FakeTelegramServer telegram = new FakeTelegramServer();
  final FakeLoopsServer loops = new FakeLoopsServer();
  final ProviderRules telegramRules;
  final ProviderRules loopsRules;

  /** Telegram's rate limits and injected faults: the gate, unless a scenario wraps it. */
  final Function<FakeTelegramServer.Upload, FakeTelegramServer.Reply> telegramLimits;

  Providers(long seed) {
    telegramRules = new ProviderRules(seed);
    loopsRules = new ProviderRules(seed + 1);
    telegramLimits =
        upload -> {
          long chat = upload.chatId() == null ? 0 : Long.parseLong(upload.chatId());
          Limit perChat = new Limit("chat:" + chat, 1, Duration.ofSeconds(1));
          ProviderRules.Verdict verdict =
              chat < 0
                  ? telegramRules.judge(
                      BOT, perChat, new Limit("group:" + chat, 20, Duration.ofMinutes(1)))
                  : telegramRules.judge(BOT, perChat);
          return switch (verdict) {
            case ACCEPT -> null;
            case RATE_LIMITED, TOO_MANY_REQUESTS -> FakeTelegramServer.Reply.tooManyRequests(1);
            case SERVER_ERROR -> FakeTelegramServer.Reply.serverError();
            case NO_RESPONSE -> FakeTelegramServer.Reply.noResponse();
          };
        };
    telegram.gate(telegramLimits);
    loops.gate(
        email ->
            switch (loopsRules.judge(TEAM)) {
              case ACCEPT -> null;
              case RATE_LIMITED, TOO_MANY_REQUESTS -> FakeLoopsServer.Reply.tooManyRequests(1);
              case SERVER_ERROR -> FakeLoopsServer.Reply.serverError();
              case NO_RESPONSE -> FakeLoopsServer.Reply.noResponse();
            });
  }

  /** The environment that points a node at these fakes. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("REPORTS_TELEGRAM_BOT_TOKEN", telegram.token());
    env.put("REPORTS_TELEGRAM_BASE_URL", telegram.baseUrl());
    env.put("REPORTS_LOOPS_API_KEY", loops.apiKey());
    env.put("REPORTS_LOOPS_TRANSACTIONAL_ID", loops.transactionalId());
    env.put("REPORTS_LOOPS_BASE_URL", loops.baseUrl());
    return env;
  }

  @Override
  public void close() {
    telegram.close();
    loops.close();
  }
}
