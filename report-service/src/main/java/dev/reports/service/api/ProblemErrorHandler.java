package dev.reports.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers — a request that is not valid HTTP (a bad URI escape, an invalid {@code
 * Content-Length}, headers over the size limit) never reaches Javalin — as problem+json too,
 * instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper;

  ProblemErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    fields.put(HttpHeader.CONTENT_TYPE, ApiModule.PROBLEM_JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    byte[] body = body(code, message);
    response.setContentType(ApiModule.PROBLEM_JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private byte[] body(int status, String reason) {
    String title = HttpStatus.getMessage(status);
    // Jetty's reasons are its own fixed phrases; nothing of the request is echoed.
    String detail =
        status >= 500
            ? "The request failed on the server"
            : "The request is not valid HTTP: " + (reason == null ? title : reason);
    try {
      return mapper.writeValueAsBytes(
          new ApiProblem.Body("about:blank", title, status, detail, List.of()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
