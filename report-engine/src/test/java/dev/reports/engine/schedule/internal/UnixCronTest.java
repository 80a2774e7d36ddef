package dev.reports.engine.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class UnixCronTest {
  @Test
  void everySecond() throws Exception {
    Recurrence r =
        new Recurrence(UnixCron.parse("*/1 * * * * *", true), ZoneId.of("Europe/Berlin"));
    Instant now = Instant.parse("2026-01-01T10:00:00.500Z");
    assertThat(r.next(now)).contains(Instant.parse("2026-01-01T10:00:01Z"));
    Recurrence r2 =
        new Recurrence(UnixCron.parse("*/2 * * * * *", true), ZoneId.of("Europe/Berlin"));
    assertThat(r2.next(now)).contains(Instant.parse("2026-01-01T10:00:02Z"));
  }
}
