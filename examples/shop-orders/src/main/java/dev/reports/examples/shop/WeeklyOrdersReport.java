package dev.reports.examples.shop;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportPeriod;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.RowSink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The orders of the seven days before the run's instant, one row per order. */
final class WeeklyOrdersReport implements Report {
  private final Shop shop;
  private final ZoneId zone;

  WeeklyOrdersReport(Shop shop, ZoneId zone) {
    this.shop = shop;
    this.zone = zone;
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.text("order_no"),
        Column.timestamp("placed_at"),
        Column.date("ship_on"),
        Column.text("customer"),
        Column.integer("items"),
        Column.decimal("total"),
        Column.bool("paid"));
  }

  @Override
  public ReportDescription rows(ReportRequest request, RowSink sink) {
    Instant to = request.asOf();
    Instant from = to.minus(7, ChronoUnit.DAYS);
    shop.ordersPlacedBetween(
        from,
        to,
        o ->
            sink.row(
                o.number(),
                o.placedAt(),
                o.shipOn(),
                o.customer(),
                o.items(),
                o.total(),
                o.paid()));
    LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
    return new ReportDescription(
        "Weekly orders", "weekly-orders", new ReportPeriod(last.minusDays(6), last), null);
  }
}
