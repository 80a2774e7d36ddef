package dev.reports.service.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.DeliverySettings;
import dev.reports.test.PostgresDatabase;
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
    ScenarioReport report = scenarios.nodeKill(60);

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
