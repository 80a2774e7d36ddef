package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.reports.engine.run.Fence;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Multipart;
import retrofit2.http.POST;
import retrofit2.http.Part;
import retrofit2.http.Tag;

/**
 * The Bot API's {@code sendDocument} and {@code sendMessage}; the base URL ends in {@code
 * /bot<token>/}.
 */
interface TelegramApi {
  @Multipart
  @POST("sendDocument")
  Call<Reply> sendDocument(
      @Part("chat_id") RequestBody chatId,
      @Part("caption") RequestBody caption,
      @Part MultipartBody.Part document,
      @Tag Fence fence);

  /** A plain text message: JSON {@code {"chat_id": N, "text": "..."}}. */
  @POST("sendMessage")
  Call<Reply> sendMessage(@Body RequestBody json);

  /**
   * {@code {"ok": true, "result": {...}}} or {@code {"ok": false, "error_code": N, "description":
   * "...", "parameters": {...}}}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Reply(
      boolean ok,
      Message result,
      @JsonProperty("error_code") Integer errorCode,
      String description,
      Parameters parameters) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(@JsonProperty("message_id") Long messageId, Document document) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(@JsonProperty("file_id") String fileId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Parameters(
      @JsonProperty("retry_after") Integer retryAfter,
      @JsonProperty("migrate_to_chat_id") Long migrateToChatId) {}
}
