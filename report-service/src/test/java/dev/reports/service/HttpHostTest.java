package dev.reports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reports.service.config.Mode;
import dev.reports.service.config.ServiceConfig;
import dev.reports.test.PostgresDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code REPORTS_HTTP_HOST}: the server listens on that address only. */
class HttpHostTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  @TempDir Path dir;

  ServiceConfig config(String host) {
    return ServiceConfig.load(
        Mode.START,
        Map.of(
            "REPORTS_DB_URL",
            db.url(),
            "REPORTS_DB_USER",
            db.user(),
            "REPORTS_JWT_SECRET",
            "0123456789abcdef0123456789abcdef-host",
            "REPORTS_HTTP_PORT",
            "0",
            "REPORTS_HTTP_HOST",
            host,
            "REPORTS_EMAIL_DELIVERY",
            "off",
            "REPORTS_TELEGRAM_DELIVERY",
            "off",
            "REPORTS_OUTBOX_DIR",
            dir.resolve("outbox").toString()));
  }

  @Test
  void theServerListensOnTheConfiguredAddressOnly() throws Exception {
    // 127.0.0.2 is loopback on Linux too, but not 127.0.0.1: a connection there must be refused
    try (Application node =
        Application.start(config("127.0.0.2"), new PrintStream(new ByteArrayOutputStream()))) {
      assertThat(connects("127.0.0.2", node.httpPort())).isTrue();
      assertThat(connects("127.0.0.1", node.httpPort())).isFalse();
    }
  }

  @Test
  void anAddressThatIsNotThisHostsIsNamedAsTheSetting() {
    // 192.0.2.0/24 is TEST-NET-1: never assigned to a host
    assertThatThrownBy(
            () ->
                Application.start(
                    config("192.0.2.10"), new PrintStream(new ByteArrayOutputStream())))
        .isInstanceOf(StartupException.class)
        .hasMessage("REPORTS_HTTP_HOST: cannot bind 192.0.2.10: not an address of this host")
        .extracting(e -> ((StartupException) e).exitCode())
        .isEqualTo(StartupException.CONFIG);
  }

  private static boolean connects(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (ConnectException refused) {
      return false;
    }
  }
}
