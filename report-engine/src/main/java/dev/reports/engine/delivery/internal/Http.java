package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
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
            .build();
    return new Retrofit.Builder()
        .baseUrl(withSlash(baseUrl))
        .client(http)
        .addConverterFactory(JacksonConverterFactory.create(JSON))
        .build()
        .create(api);
  }

  static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
