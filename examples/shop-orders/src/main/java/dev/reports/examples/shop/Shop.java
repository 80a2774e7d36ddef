package dev.reports.examples.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The shop's own data: an orders table the report engine knows nothing about. */
final class Shop {
  /** One order, as the shop keeps it. */
  record Order(
      String number,
      Instant placedAt,
      LocalDate shipOn,
      String customer,
      int items,
      BigDecimal total,
      boolean paid) {}

  private final DataSource dataSource;

  Shop(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the orders table when it is missing and, when it is empty, adds a few orders. */
  void prepare(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement()
          .execute(
              """
              create table if not exists shop_orders (
                order_no  text primary key,
                placed_at timestamptz not null,
                ship_on   date,
                customer  text not null,
                items     integer not null,
                total     numeric(12, 2) not null,
                paid      boolean not null)""");
      try (ResultSet r = c.createStatement().executeQuery("select count(*) from shop_orders")) {
        r.next();
        if (r.getLong(1) > 0) {
          return;
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement("insert into shop_orders values (?, ?, ?, ?, ?, ?, ?)")) {
        String[] customers = {
          "Anna Berg", "=cmd|' /C calc'!A0", "Émile Zola", "Bob; \"the\" Builder"
        };
        for (int i = 1; i <= 12; i++) {
          Instant placed = now.minus(i * 13L, ChronoUnit.HOURS);
          insert.setString(1, "SO-" + (1000 + i));
          insert.setTimestamp(2, Timestamp.from(placed));
          insert.setObject(3, i % 3 == 0 ? null : LocalDate.of(2026, 12, 1).plusDays(i));
          insert.setString(4, customers[i % customers.length]);
          insert.setInt(5, i % 4 + 1);
          insert.setBigDecimal(6, new BigDecimal("19.90").multiply(BigDecimal.valueOf(i)));
          insert.setBoolean(7, i % 2 == 0);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  /**
   * Streams the orders placed in [from, to) to {@code each}, oldest first, through a cursor: a
   * large week never sits in memory.
   */
  void ordersPlacedBetween(Instant from, Instant to, Consumer<Order> each) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement q =
          c.prepareStatement(
              "select order_no, placed_at, ship_on, customer, items, total, paid from shop_orders"
                  + " where placed_at >= ? and placed_at < ? order by placed_at, order_no")) {
        q.setFetchSize(1_000);
        q.setTimestamp(1, Timestamp.from(from));
        q.setTimestamp(2, Timestamp.from(to));
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            each.accept(
                new Order(
                    r.getString(1),
                    r.getTimestamp(2).toInstant(),
                    r.getObject(3, LocalDate.class),
                    r.getString(4),
                    r.getInt(5),
                    r.getBigDecimal(6),
                    r.getBoolean(7)));
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the shop's orders", e);
    }
  }
}
