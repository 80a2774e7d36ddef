package dev.reports.engine;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.testing.FakeDeliveryChannel;
import dev.reports.engine.testing.FakeDeliveryLog;
import dev.reports.engine.testing.FakeRecipientResolver;
import dev.reports.engine.testing.FakeReportDefinitions;
import dev.reports.engine.testing.FakeRunLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** Test-data builder: an engine with the product's defaults and in-memory ports, not started. */
final class Engines {
  private Engines() {}

  static ReportEngine.Builder withFakes(DataSource dataSource) {
    return ReportEngine.builder(dataSource)
        .schedulerName("spec-" + UUID.randomUUID().toString().substring(0, 8))
        .reportDefinitions(new FakeReportDefinitions())
        .runLog(new FakeRunLog())
        .recipients(new FakeRecipientResolver())
        .deliveryLog(new FakeDeliveryLog())
        .channel(new FakeDeliveryChannel(Channel.EMAIL));
  }

  static ReportEngine at(DataSource dataSource, String instant) {
    return withFakes(dataSource).clock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).build();
  }
}
