package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The JSON of one transactional email, written straight to the connection: the small envelope is
 * serialized up front, and the attachment is base64-encoded from disk while it streams between the
 * envelope's two halves, never held in memory whole. Its length is known, so the request carries a
 * {@code Content-Length} rather than chunked encoding.
 */
final class LoopsRequestBody extends RequestBody {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final byte[] head;
  private final byte[] tail;
  private final Attachment attachment;

  LoopsRequestBody(
      String transactionalId,
      String email,
      Map<String, Object> dataVariables,
      Attachment attachment) {
    this.attachment = attachment;
    String marker = "attachment-data-" + UUID.randomUUID();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("filename", attachment.fileName());
    file.put("contentType", attachment.contentType());
    file.put("data", marker);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transactionalId", transactionalId);
    body.put("email", email);
    body.put("dataVariables", dataVariables);
    body.put("attachments", List.of(file));
    String json;
    try {
      json = Http.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int at = json.indexOf(marker);
    this.head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
    this.tail = json.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public MediaType contentType() {
    return JSON;
  }

  @Override
  public long contentLength() {
    return head.length + 4 * ((attachment.bytes() + 2) / 3) + tail.length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(head);
    OutputStream keepOpen =
        new FilterOutputStream(sink.outputStream()) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush(); // the sink belongs to OkHttp
          }
        };
    try (InputStream in = Files.newInputStream(attachment.path());
        OutputStream base64 = Base64.getEncoder().wrap(keepOpen)) {
      in.transferTo(base64);
    }
    sink.write(tail);
  }
}
