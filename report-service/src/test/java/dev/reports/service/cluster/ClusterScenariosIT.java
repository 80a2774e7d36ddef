package dev.reports.service.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.test.PostgresDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster scenarios at small size, in the suite: three {@code report-service start} JVMs on one
 * database, fake providers enforcing the real rate limits. Full size: {@code ClusterBenchmarkIT}.
 */
class ClusterScenariosIT {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  final Scenarios scenarios = new Scenarios(db);

  @Test
  void burstOnThreeNodesDeliversEveryReportExactlyOnce() throws Exception {
    ScenarioReport report = scenarios.burst(60, true);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(report.runs()).isEqualTo(60);
    assertThat(report.runsNotSucceeded()).isZero();
    assertThat(report.notificationsNotSent()).isZero();
    assertThat(report.runsPerNode().keySet()).as("work shared by the nodes").hasSizeGreaterThan(1);
  }

  @Test
  void aNodeKilledMidBurstLosesNothingAndSendsNothingTwice() throws Exception {
    ScenarioReport report = scenarios.nodeKill(60, true);

    assertThat(report.lost()).as(report.toString()).isZero();
    // Loops honours the idempotency key of (run, recipient): a recovered send is never doubled.
    // Telegram has no such key: a send the provider accepted just before the node died, but
    // which the node could not record, is sent again by the node that recovers the run — at
    // most one per recipient in flight on the killed node (docs/operations.md).
    assertThat(report.duplicated()).as(report.toString()).isEqualTo(report.duplicatedOnTelegram());
    assertThat(report.duplicatedOnTelegram()).isLessThanOrEqualTo(scenarios.killedHolding);
    assertThat(report.runs()).isEqualTo(60);
    assertThat(report.runsNotSucceeded()).isZero();
    assertThat(report.notificationsNotSent()).isZero();
  }

  @Test
  void aNodeFrozenPastItsLeaseMidRunSendsNothingMoreOnceItWakesEveryChatGetsOneMessage()
      throws Exception {
    int chats = 50;
    ScenarioReport report = scenarios.stalledNode(chats, 6, Duration.ofSeconds(3));

    Scenarios.Stall stall = scenarios.stall;
    assertThat(report.complete()).as(report + "\n" + stall).isTrue();
    assertThat(report.delivered()).isEqualTo(chats);
    assertThat(report.duplicated()).as("chats that got the report twice").isZero();
    assertThat(stall.requestsAfterWake()).as("requests of the woken node").isZero();
    assertThat(stall.finishedBy()).isNotEqualTo(stall.node());
    assertThat(stall.stopLines()).as("the woken node says it stops").isPositive();
    // the delivery log: one sent row per chat, the run succeeded once, by its second attempt
    assertThat(report.runs()).isEqualTo(1);
    assertThat(report.runsNotSucceeded()).isZero();
    assertThat(report.takenOver()).isEqualTo(1);
    assertThat(report.notificationsNotSent()).isZero();
    assertThat(scenarios.sentRows()).isEqualTo(chats);
  }

  @Test
  void aDatabaseRestartMidBurstLosesNothingAndSendsNothingTwice() throws Exception {
    Optional<String> unavailable = OwnedPostgres.unavailable();
    assumeTrue(unavailable.isEmpty(), () -> "no PostgreSQL the harness can own: " + unavailable);
    try (OwnedPostgres server = OwnedPostgres.start();
        HikariDataSource pool = server.createDatabase("reports")) {
      Scenarios onOwned = new Scenarios(server.url("reports"), OwnedPostgres.USER, pool);

      ScenarioReport report =
          onOwned.databaseRestart(server, 40, true, Duration.ofSeconds(5), "fast");

      assertThat(onOwned.deliveredAtStop).as("stopped mid-burst").isBetween(1, 79);
      assertThat(report.lost()).as(report.toString()).isZero();
      assertThat(report.duplicated()).as(report.toString()).isZero();
      assertThat(report.runs()).as(report.toString()).isEqualTo(40);
      assertThat(report.runsNotSucceeded()).as(report.toString()).isZero();
      assertThat(report.notificationsNotSent()).as(report.toString()).isZero();
    }
  }

  @Test
  void aClusterDownAcrossDueInstantsRunsEachScheduleOnceWithinGraceAndSkipsTheRest()
      throws Exception {
    ScenarioReport report = scenarios.clusterDown(30, 1);

    Scenarios.Downtime down = scenarios.downtime;
    assertThat(report.complete()).as(report + "\n" + down).isTrue();
    assertThat(down.asExpected()).as(report + "\n" + down).isTrue();
    assertThat(down.beyondSkippedOnce()).isEqualTo(10);
    assertThat(down.withinRunOnce()).isEqualTo(10);
    assertThat(down.dailyRunOnce()).isEqualTo(10);
  }

  @Test
  void providerFaultsAreRetriedUntilSentAndOnlyFailedRequestsAreRepeated() throws Exception {
    ScenarioReport report = scenarios.providerChaos(40, 0.2, false);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(report.injectedFaults()).isPositive();
    assertThat(report.notificationsNotSent()).isZero();
    // one accepted request per recipient; every other request answered a refusal
    assertThat(report.requests())
        .isEqualTo(report.delivered() + report.injectedFaults() + report.overLimit());
    assertThat(report.maxRequestsPerRecipient())
        .isLessThanOrEqualTo(DeliverySettings.DEFAULT_MAX_ATTEMPTS);
  }
}
