package dev.reports.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/api.md covers every operation, and its token recipe makes tokens the API accepts. */
class ApiDocsTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static String apiMd;

  @BeforeAll
  static void start() throws IOException {
    api = ApiServer.start(db.dataSource());
    apiMd = Files.readString(Path.of("..", "docs", "api.md"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void everyOperationHasAWorkedExample() throws IOException {
    JsonNode doc =
        new ObjectMapper().readTree(Files.readAllBytes(Path.of("..", "docs", "openapi.json")));
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (method.equals("parameters")) {
                            return;
                          }
                          String heading =
                              "`" + method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                          assertThat(apiMd).as("docs/api.md mentions " + heading).contains(heading);
                        }));
    assertThat(apiMd)
        .contains(
            "curl -si -X POST \"$BASE/v1/report-schedules\"",
            "-X PATCH",
            "-X DELETE",
            "/run\"",
            "/upcoming?count=3",
            "/notifications?limit=1");
  }

  @Test
  void theOpensslTokenRecipeMakesAValidToken() throws Exception {
    Matcher recipe = Pattern.compile("```sh\n(b64url\\(\\).*?)```", Pattern.DOTALL).matcher(apiMd);
    assertThat(recipe.find()).as("the token recipe in docs/api.md").isTrue();
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/openssl"))
            || Files.isExecutable(Path.of("/bin/openssl")),
        "openssl is not installed");
    Org org = api.data.org("Docs");

    ProcessBuilder shell =
        new ProcessBuilder("bash", "-c", recipe.group(1) + "\nprintf '%s' \"$TOKEN\"");
    shell.environment().put("USER_ID", org.admin().toString());
    shell.environment().put("REPORTS_JWT_SECRET", Tokens.SECRET);
    Process process = shell.start();
    String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();

    assertThat(api.get("/v1/report-schedules", token).status()).isEqualTo(200);
  }
}
