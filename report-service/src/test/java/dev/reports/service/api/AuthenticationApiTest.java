package dev.reports.service.api;

import static dev.reports.service.api.StrictInputApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.algorithms.Algorithm;
import dev.reports.service.api.ApiServer.Response;
import dev.reports.service.testing.TestData.Org;
import dev.reports.test.PostgresDatabase;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every /v1 route wants a valid HS256 token of an active user; anything else is 401. */
class AuthenticationApiTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static ApiServer api;
  static Org org;
  static String schedule;

  @BeforeAll
  static void start() {
    api = ApiServer.start(db.dataSource());
    org = api.data.org("Auth");
    Response r =
        api.post(
            "/v1/report-schedules",
            Tokens.valid(org.admin()),
            ScheduleBody.daily(org.link()).json());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    schedule = r.json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<Arguments> badTokens() {
    return Stream.<Arguments>of(
        Arguments.of("expired", (Function<UUID, String>) Tokens::expired),
        Arguments.of("without exp", (Function<UUID, String>) Tokens::withoutExpiry),
        Arguments.of("without sub", (Function<UUID, String>) user -> Tokens.withoutSubject()),
        Arguments.of(
            "signed with another secret",
            (Function<UUID, String>)
                user -> Tokens.signedWith("another-secret-that-is-at-least-32-bytes!", user)),
        Arguments.of("alg none, unsigned", (Function<UUID, String>) Tokens::unsigned),
        Arguments.of(
            "alg none header on a signed token",
            (Function<UUID, String>) Tokens::noneHeaderWithSignature),
        Arguments.of("not a JWT", (Function<UUID, String>) user -> "opensesame"),
        Arguments.of(
            "unknown user", (Function<UUID, String>) user -> Tokens.valid(UUID.randomUUID())),
        Arguments.of(
            "deactivated user",
            (Function<UUID, String>) user -> Tokens.valid(api.data.deactivatedUser(org))),
        Arguments.of("sub not a UUID", (Function<UUID, String>) user -> subject("admin")),
        Arguments.of("exp null", (Function<UUID, String>) user -> Tokens.withExp(user, "null")),
        Arguments.of(
            "exp a string",
            (Function<UUID, String>) user -> Tokens.withExp(user, "\"9999999999\"")),
        Arguments.of(
            "exp an array", (Function<UUID, String>) user -> Tokens.withExp(user, "[9999999999]")),
        Arguments.of(
            "exp an object", (Function<UUID, String>) user -> Tokens.withExp(user, "{\"at\":1}")),
        Arguments.of(
            "exp a boolean", (Function<UUID, String>) user -> Tokens.withExp(user, "true")),
        Arguments.of(
            "exp absent, hand-made", (Function<UUID, String>) user -> Tokens.withExp(user, null)),
        Arguments.of(
            "exp a number past any date",
            (Function<UUID, String>) user -> Tokens.withExp(user, "1e400")),
        Arguments.of(
            "nbf a string",
            (Function<UUID, String>)
                user ->
                    Tokens.raw(
                        "{\"alg\":\"HS256\"}",
                        "{\"sub\":\"" + user + "\",\"exp\":9999999999,\"nbf\":\"0\"}")),
        Arguments.of(
            "nbf five minutes ahead",
            (Function<UUID, String>) user -> Tokens.notBefore(user, Duration.ofMinutes(5))),
        Arguments.of("crit header", (Function<UUID, String>) Tokens::withCrit),
        Arguments.of(
            "HS384",
            (Function<UUID, String>)
                user -> Tokens.signedBy(Algorithm.HMAC384(Tokens.SECRET), user)),
        Arguments.of(
            "HS512",
            (Function<UUID, String>)
                user -> Tokens.signedBy(Algorithm.HMAC512(Tokens.SECRET), user)),
        Arguments.of("RS256", (Function<UUID, String>) user -> Tokens.signedBy(rs256(), user)),
        Arguments.of(
            "alg hs256 in lower case",
            (Function<UUID, String>)
                user ->
                    Tokens.raw(
                        "{\"alg\":\"hs256\"}", "{\"sub\":\"" + user + "\",\"exp\":9999999999}")));
  }

  private static Algorithm rs256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(String sub) {
    return com.auth0
        .jwt
        .JWT
        .create()
        .withSubject(sub)
        .withExpiresAt(java.time.Instant.now().plusSeconds(3600))
        .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(Tokens.SECRET));
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("POST", "/v1/report-schedules", "{}"),
        Arguments.of("GET", "/v1/report-schedules", null),
        Arguments.of("GET", "/v1/report-schedules/{id}", null),
        Arguments.of("PATCH", "/v1/report-schedules/{id}", "{}"),
        Arguments.of("DELETE", "/v1/report-schedules/{id}", null),
        Arguments.of("POST", "/v1/report-schedules/{id}/run", null),
        Arguments.of("GET", "/v1/report-schedules/{id}/upcoming", null),
        Arguments.of("GET", "/v1/report-schedules/{id}/notifications", null),
        Arguments.of("GET", "/v1/report-schedules/{id}/runs", null),
        Arguments.of("GET", "/v1/report-runs/{id}", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void aBadTokenIs401OnEveryRoute(String what, Function<UUID, String> token) {
    String bad = token.apply(org.admin());
    routes()
        .forEach(
            route -> {
              Object[] a = route.get();
              Response r =
                  api.send(
                      (String) a[0], ((String) a[1]).replace("{id}", schedule), bad, (String) a[2]);
              assertProblem(r, 401);
              assertThat(r.headers().firstValue("WWW-Authenticate"))
                  .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            });
    assertThat(api.get("/v1/report-schedules/" + schedule, Tokens.valid(org.admin())).status())
        .isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void noTokenIs401(String method, String path, String body) {
    assertProblem(api.send(method, path.replace("{id}", schedule), null, body), 401);
  }

  @Test
  void anotherSchemeIs401() {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri("/v1/report-schedules"))
            .header("Authorization", "Basic YWRtaW46YWRtaW4=")
            .GET()
            .build();
    assertProblem(api.send(request), 401);
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri("/v1/report-schedules"))
            .header("Authorization", "bearer " + Tokens.valid(org.admin()))
            .GET()
            .build();
    assertThat(api.send(request).status()).isEqualTo(200);
  }

  @Test
  void aTokenWithANumericExpIsAccepted() {
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    assertThat(api.get("/v1/report-schedules", Tokens.withExp(org.admin(), "" + exp)).status())
        .isEqualTo(200);
    assertThat(api.get("/v1/report-schedules", Tokens.withExp(org.admin(), exp + ".5")).status())
        .as("a NumericDate may have a fraction")
        .isEqualTo(200);
  }

  @Test
  void aTokenWhoseNbfHasPassedIsAccepted() {
    assertThat(
            api.get("/v1/report-schedules", Tokens.notBefore(org.admin(), Duration.ofMinutes(-1)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aTokenWhoseNbfIsWithinTheClockSkewAllowanceIsAccepted() {
    assertThat(Authenticator.NOT_BEFORE_LEEWAY).isEqualTo(Duration.ofSeconds(30));
    assertThat(
            api.get("/v1/report-schedules", Tokens.notBefore(org.admin(), Duration.ofSeconds(10)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aTokenNotYetValidSaysSo() {
    Response r =
        api.get("/v1/report-schedules", Tokens.notBefore(org.admin(), Duration.ofMinutes(2)));
    assertProblem(r, 401);
    assertThat(r.json().get("detail").asText()).contains("not valid yet");
  }

  @Test
  void aTokenWithAStringExpSaysWhy() {
    Response r = api.get("/v1/report-schedules", Tokens.withExp(org.admin(), "\"9999999999\""));
    assertProblem(r, 401);
    assertThat(r.json().get("detail").asText()).contains("exp").contains("number");
  }

  @Test
  void anExpiredTokenSaysSo() {
    Response r = api.get("/v1/report-schedules", Tokens.expired(org.admin()));
    assertThat(r.json().get("detail").asText()).isEqualTo("The token has expired");
  }

  @Test
  void aDeactivatedUsersTokenStopsWorking() {
    UUID user = api.data.user(org, "Leaver");
    String token = Tokens.valid(user);
    assertThat(api.get("/v1/report-schedules", token).status()).isEqualTo(200);

    api.dsl
        .update(dev.reports.jooq.Tables.USERS)
        .set(dev.reports.jooq.Tables.USERS.DEACTIVATED_AT, java.time.OffsetDateTime.now())
        .where(dev.reports.jooq.Tables.USERS.ID.eq(user))
        .execute();

    assertProblem(api.get("/v1/report-schedules", token), 401);
  }

  @Test
  void aSecretShorterThan32BytesIsRefused() {
    assertThatThrownBy(() -> new Authenticator(api.dsl, "x".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void operationsRoutesNeedNoToken() {
    assertThat(api.get("/metrics", null).status()).isEqualTo(200);
    assertThat(api.get("/openapi.json", null).status()).isEqualTo(200);
  }
}
