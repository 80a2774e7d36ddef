/**
 * The scheduled-reports engine: one entry point, {@link dev.reports.engine.ReportEngine#builder},
 * and the value types and ports of its API packages. Packages named {@code internal} are not
 * exported; Quartz, Retrofit and Jackson reach the few of their classes they instantiate, proxy or
 * bind by reflection through qualified opens.
 */
module dev.reports.engine {
  requires transitive java.sql;
  requires transitive micrometer.core;
  requires org.quartz;
  requires flyway.core;
  requires org.apache.commons.csv;
  requires retrofit2;
  requires retrofit2.converter.jackson;
  requires okhttp3;
  requires okio;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;

  exports dev.reports.engine;
  exports dev.reports.engine.alert;
  exports dev.reports.engine.csv;
  exports dev.reports.engine.delivery;
  exports dev.reports.engine.report;
  exports dev.reports.engine.run;
  exports dev.reports.engine.schedule;

  // Quartz instantiates the trigger persistence delegate from its class name (opened, not
  // exported, so it stays out of the API and its javadoc).
  opens dev.reports.engine.internal to
      org.quartz;
  // Retrofit proxies the provider APIs and Jackson binds their replies (records) by reflection.
  opens dev.reports.engine.delivery.internal to
      retrofit2,
      com.fasterxml.jackson.databind;
}
