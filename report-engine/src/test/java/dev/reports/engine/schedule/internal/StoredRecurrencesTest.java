package dev.reports.engine.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Stored expressions are parsed once and shared: same answers, bounded memory, any thread. */
class StoredRecurrencesTest {
  private static final Instant FROM = Instant.parse("2026-03-27T12:00:00Z");

  @Test
  void anExpressionAndZoneAskedForAgainIsNotParsedAgain() {
    Specs.StoredRecurrences stored = new Specs.StoredRecurrences(10);

    Recurrence first = stored.get("30 2 * * *", "Europe/Berlin");

    assertThat(stored.get("30 2 * * *", "Europe/Berlin")).isSameAs(first);
    assertThat(stored.get("30 2 * * *", "America/New_York")).isNotSameAs(first);
    assertThat(stored.get("30 3 * * *", "Europe/Berlin")).isNotSameAs(first);
  }

  @Test
  void aSharedRecurrenceAnswersAsAFreshlyParsedOneAcrossTheSpringForwardDay() throws Exception {
    Specs.StoredRecurrences stored = new Specs.StoredRecurrences(10);
    Recurrence fresh =
        new Recurrence(UnixCron.parse("30 2 * * *", false), ZoneId.of("Europe/Berlin"));
    List<Instant> expected = fresh.next(FROM, 5);
    // the spring-forward day (2026-03-29) has no 02:30: that run is at the end of the gap, 03:00
    assertThat(expected).contains(Instant.parse("2026-03-29T01:00:00Z"));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Instant>>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(pool.submit(() -> stored.get("30 2 * * *", "Europe/Berlin").next(FROM, 5)));
      }
      for (Future<List<Instant>> answer : answers) {
        assertThat(answer.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    Specs.StoredRecurrences stored = new Specs.StoredRecurrences(3);
    Recurrence kept = stored.get("0 1 * * *", "UTC");
    stored.get("0 2 * * *", "UTC");
    stored.get("0 3 * * *", "UTC");
    stored.get("0 1 * * *", "UTC"); // used again: now the most recent
    stored.get("0 4 * * *", "UTC"); // drops 0 2

    assertThat(stored.size()).isEqualTo(3);
    assertThat(stored.get("0 1 * * *", "UTC")).isSameAs(kept);
  }

  @Test
  void aStoredExpressionThatNoLongerParsesIsAnErrorEveryTime() {
    Specs.StoredRecurrences stored = new Specs.StoredRecurrences(3);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> stored.get("61 9 * * *", "UTC"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stored cron \"61 9 * * *\" is invalid");
    }
    assertThat(stored.size()).isZero();
  }
}
