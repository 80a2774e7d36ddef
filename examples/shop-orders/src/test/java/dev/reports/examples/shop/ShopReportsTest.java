package dev.reports.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The example end to end on a fresh PostgreSQL database: what its main does, checked. */
class ShopReportsTest {
  // the server the build's tests use: an admin URL and user, as the README says
  static final String ADMIN_URL =
      System.getenv()
          .getOrDefault("REPORTS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String USER = System.getenv().getOrDefault("REPORTS_TEST_DB_USER", "postgres");
  static final String DATABASE = "shop_example_" + UUID.randomUUID().toString().replace("-", "");

  static PGSimpleDataSource dataSource;

  @BeforeAll
  static void createDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
      c.createStatement().execute("create database " + DATABASE);
    }
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(ADMIN_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1"));
    dataSource.setUser(USER);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
      c.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @Test
  void theWeeklyOrdersReportIsMailedAndPostedAndLogged(@TempDir Path outbox) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (HookReceiver receiver = new HookReceiver()) {
      UUID runId =
          ShopReports.run(
              dataSource,
              outbox,
              receiver.url(),
              new PrintStream(printed, true, StandardCharsets.UTF_8));

      DeliveryLogTable log = new DeliveryLogTable(dataSource);
      assertThat(log.status(runId)).isEqualTo("succeeded");
      assertThat(log.rows(runId))
          .extracting(DeliveryLogTable.Row::channel, DeliveryLogTable.Row::status)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("email", "sent"),
              org.assertj.core.groups.Tuple.tuple("webhook", "sent"));

      List<HookReceiver.Received> posts = receiver.received();
      assertThat(posts).hasSize(1);
      String csv = posts.get(0).csv();
      assertThat(posts.get(0).fileName()).matches("weekly-orders-\\d{4}-\\d{2}-\\d{2}\\.csv");
      assertThat(posts.get(0).idempotencyKey()).isNotBlank();
      List<String> lines = csv.lines().toList();
      assertThat(lines.get(0)).isEqualTo("order_no,placed_at,ship_on,customer,items,total,paid");
      // 12 orders, 13 hours apart: the last seven days hold those placed up to 168 hours ago
      assertThat(lines).hasSize(1 + 12);
      // decimals exact and bare, timestamps in Berlin with their offset, text quoted and guarded
      assertThat(csv).contains("\"SO-1001\",").contains(",19.90,").contains("+01:00");
      assertThat(csv).contains("\"'=cmd|' /C calc'!A0\"");

      try (Stream<Path> files = Files.walk(outbox)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(name -> name.startsWith("weekly-orders-") && name.endsWith(".csv"));
      }
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("weekly orders, next runs: [")
        .contains("succeeded")
        .contains("webhook");
  }
}
