package dev.reports.engine.delivery.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The JSON of one transactional email, written straight to the connection: the attachment is
 * base64-encoded from disk as it streams, never held in memory whole.
 */
final class LoopsRequestBody extends RequestBody {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String transactionalId;
  private final String email;
  private final Map<String, Object> dataVariables;
  private final Attachment attachment;

  LoopsRequestBody(
      String transactionalId,
      String email,
      Map<String, Object> dataVariables,
      Attachment attachment) {
    this.transactionalId = transactionalId;
    this.email = email;
    this.dataVariables = dataVariables;
    this.attachment = attachment;
  }

  @Override
  public MediaType contentType() {
    return JSON;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    OutputStream out = sink.outputStream();
    try (JsonGenerator json = Http.JSON.getFactory().createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("transactionalId", transactionalId);
      json.writeStringField("email", email);
      json.writeObjectField("dataVariables", dataVariables);
      json.writeArrayFieldStart("attachments");
      json.writeStartObject();
      json.writeStringField("filename", attachment.fileName());
      json.writeStringField("contentType", attachment.contentType());
      json.writeFieldName("data");
      try (InputStream in = Files.newInputStream(attachment.path())) {
        // a known length lets Jackson check it read the whole file; -1 streams an unknown one
        int length = attachment.bytes() <= Integer.MAX_VALUE ? (int) attachment.bytes() : -1;
        json.writeBinary(in, length);
      }
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
    out.flush();
  }
}
