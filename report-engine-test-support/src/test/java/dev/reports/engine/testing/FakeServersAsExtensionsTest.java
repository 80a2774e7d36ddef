package dev.reports.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fake server registered in an instance field serves one test and is stopped after it. */
class FakeServersAsExtensionsTest {
  private static final List<String> urls = new CopyOnWriteArrayList<>();

  @RegisterExtension FakeTelegramServer telegram = FakeTelegramServer.start();

  @RepeatedTest(2)
  void eachTestHasAServerOfItsOwn() throws Exception {
    HttpResponse<String> answer =
        get(telegram.baseUrl() + "/bot" + FakeTelegramServer.DEFAULT_TOKEN + "/getMe");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(urls).doesNotContain(telegram.baseUrl());
    urls.add(telegram.baseUrl());
  }

  @AfterAll
  static void everyServerWasStoppedAfterItsTest() {
    assertThat(urls).hasSize(2);
    for (String url : urls) {
      assertThatThrownBy(() -> get(url + "/")).isInstanceOf(ConnectException.class);
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
