package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reports.engine.run.Fence;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/** The HTTP plumbing every provider client shares. */
final class Http {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Http() {}

  /**
   * A Retrofit client. OkHttp's own silent retry is off: every send is counted, paced and retried
   * by the delivery runner, which knows whether a repeat is safe.
   */
  static <T> T client(
      Class<T> api,
      String baseUrl,
      Duration connectTimeout,
      Duration readTimeout,
      Interceptor interceptor) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .addInterceptor(interceptor)
            .addNetworkInterceptor(Http::checkFence)
            .build();
    return new Retrofit.Builder()
        .baseUrl(withSlash(baseUrl))
        .client(http)
        .addConverterFactory(JacksonConverterFactory.create(JSON))
        .build()
        .create(api);
  }

  /**
   * Checks the request's {@link Fence} (a Retrofit {@code @Tag}), if it has one, as the last step
   * before the request is written: after the connection is made or taken from the pool, so that
   * nothing slow lies between the check and the first byte on the wire.
   */
  private static Response checkFence(Interceptor.Chain chain) throws IOException {
    Fence fence = chain.request().tag(Fence.class);
    if (fence != null) {
      fence.check();
    }
    return chain.proceed(chain.request());
  }

  static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
