package dev.reports.service.delivery;

import dev.reports.service.Database;
import dev.reports.service.config.DatabaseSettings;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The service's delivery log keeps the delivery log contract on dev mode's H2 too. */
class JooqDeliveryLogOnH2ContractTest extends JooqDeliveryLogContract {
  @TempDir static Path dir;
  private static Database h2;

  @BeforeAll
  static void open() {
    h2 = Database.open(DatabaseSettings.h2(dir.resolve("reports")));
  }

  @AfterAll
  static void close() {
    h2.close();
  }

  @Override
  protected DSLContext database() {
    return h2.dsl();
  }
}
