package dev.reports.service.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reports.engine.schedule.FieldError;
import dev.reports.service.schedule.ScheduleFields;
import dev.reports.service.schedule.ScheduleInput;
import dev.reports.service.schedule.SchedulePatch;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Reads request bodies strictly: at most {@link #MAX_BYTES}, JSON, one object, known fields of the
 * right types. Anything else is a 400 (413 when too large), before any value is looked at.
 */
final class Bodies {
  static final int MAX_BYTES = 64 * 1024;

  /**
   * How many request bodies are read at once. A body of at most 64 KiB from a working client
   * arrives in milliseconds; the limit keeps clients that trickle theirs from tying up the server's
   * threads (each read blocks one), so that everything else — health checks included — is still
   * answered. Past it, a request is 503 with {@code Retry-After} at once.
   */
  static final int DEFAULT_CONCURRENT_READS = 64;

  private final ObjectMapper mapper;
  private final Semaphore reading;

  Bodies(ObjectMapper mapper) {
    this(mapper, DEFAULT_CONCURRENT_READS);
  }

  Bodies(ObjectMapper mapper, int concurrentReads) {
    this.mapper = mapper;
    this.reading = new Semaphore(concurrentReads);
  }

  ScheduleInput create(Context ctx) {
    return input(object(ctx));
  }

  SchedulePatch patch(Context ctx) {
    JsonNode object = object(ctx);
    // A schedule as read, sent back, carries the read-only fields; they are compared with the
    // stored ones, not taken as writable fields.
    Map<String, String> readOnly = new LinkedHashMap<>();
    for (String field : ScheduleFields.READ_ONLY) {
      JsonNode value = ((ObjectNode) object).remove(field);
      if (value == null) {
        continue;
      }
      if (!value.isTextual() && !value.isNull()) {
        throw ApiProblem.malformed(
            "Wrong type: " + field + " must be a string or null",
            List.of(new FieldError(field, "must be a string or null")));
      }
      readOnly.put(field, value.isNull() ? null : value.asText());
    }
    Set<String> present = new HashSet<>();
    object.fieldNames().forEachRemaining(present::add);
    return new SchedulePatch(input(object), present, readOnly);
  }

  private JsonNode object(Context ctx) {
    checkContentType(ctx.header("Content-Type"));
    byte[] bytes = read(ctx);
    JsonNode node;
    try {
      node = mapper.readTree(bytes);
    } catch (JacksonException e) {
      throw ApiProblem.malformed("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.malformed("The body must be a JSON object");
    }
    return node;
  }

  private ScheduleInput input(JsonNode object) {
    ScheduleInput input;
    try {
      input = mapper.treeToValue(object, ScheduleInput.class);
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      throw ApiProblem.malformed(
          "Unknown field: " + field, List.of(new FieldError(field, "unknown field")));
    } catch (MismatchedInputException e) {
      String field = path(e);
      String message = "must be " + expected(e.getTargetType());
      throw ApiProblem.malformed(
          "Wrong type: " + field + " " + message, List.of(new FieldError(field, message)));
    } catch (JsonMappingException e) {
      String field = path(e);
      throw ApiProblem.malformed(
          "Wrong value: " + field,
          List.of(new FieldError(field, "has the wrong type or is out of range")));
    } catch (JsonProcessingException e) {
      throw ApiProblem.malformed("The body could not be read: " + e.getOriginalMessage());
    }
    Object day = input.dayOfMonth();
    if (day != null && !(day instanceof Integer) && !ScheduleInput.LAST.equals(day)) {
      // JSON gave it untyped: 1.5, "1", 4294967297 and true are not a day of the month
      String message = "must be an integer (1 … 28) or \"last\"";
      throw ApiProblem.malformed(
          "Wrong type: day_of_month " + message, List.of(new FieldError("day_of_month", message)));
    }
    if (input.recipients() != null) {
      for (int i = 0; i < input.recipients().size(); i++) {
        if (input.recipients().get(i) == null) {
          String field = "recipients[" + i + "]";
          throw ApiProblem.malformed(
              "Wrong type: " + field + " must be an object",
              List.of(new FieldError(field, "must be an object")));
        }
      }
    }
    return input;
  }

  private static void checkContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      throw ApiProblem.unsupportedMediaType(mediaType);
    }
  }

  /**
   * The body, refused with 413 as soon as it is known to exceed the limit: by its declared length,
   * or after reading one byte past the limit — never read to its end.
   */
  private byte[] read(Context ctx) {
    if (ctx.req().getContentLengthLong() > MAX_BYTES) {
      throw ApiProblem.tooLarge(MAX_BYTES);
    }
    if (!reading.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw ApiProblem.of(
          503, "Service Unavailable", "Too many request bodies are being received; try again");
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw ApiProblem.tooLarge(MAX_BYTES);
      }
      return bytes;
    } catch (BadMessageException e) {
      // Jetty's verdict on the body: too slow (408), or not valid HTTP
      throw ApiProblem.of(
          e.getCode(),
          HttpStatus.getMessage(e.getCode()),
          e.getCode() == 408
              ? "The body arrived too slowly"
              : "The body could not be read: " + HttpStatus.getMessage(e.getCode()));
    } catch (IOException e) {
      throw ApiProblem.malformed("The body could not be read");
    } finally {
      reading.release();
    }
  }

  /** The JSON path of the bad value, as errors name fields: {@code recipients[0].user_id}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return e.getPath().isEmpty() ? "body" : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "an integer";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
