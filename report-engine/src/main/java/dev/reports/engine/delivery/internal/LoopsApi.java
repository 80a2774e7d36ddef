package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Header;
import retrofit2.http.POST;

/** Loops' transactional email endpoint. */
interface LoopsApi {
  @POST("api/v1/transactional")
  Call<Reply> send(@Header("Idempotency-Key") String idempotencyKey, @Body RequestBody body);

  /** {@code {"success": true}}, or {@code {"success": false, "message": "..."}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Reply(Boolean success, String message) {}
}
