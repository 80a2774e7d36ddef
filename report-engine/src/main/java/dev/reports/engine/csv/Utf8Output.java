package dev.reports.engine.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An {@link Appendable} that encodes UTF-8 straight into its own buffer, so commons-csv prints into
 * it without a {@code Writer}, whose per-call encoder costs more than all the rest of a row. Each
 * appended piece is encoded as {@link String#getBytes(java.nio.charset.Charset)} encodes it (a lone
 * surrogate as {@code ?}); commons-csv cuts text only at quotes, never inside a surrogate pair.
 */
final class Utf8Output implements Appendable, Closeable {
  private final OutputStream out;
  private final byte[] buffer;
  private int position;

  Utf8Output(OutputStream out, int bufferSize) {
    this.out = out;
    this.buffer = new byte[Math.max(bufferSize, 32)];
  }

  @Override
  public Utf8Output append(CharSequence text) throws IOException {
    return bytes(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Utf8Output append(CharSequence text, int start, int end) throws IOException {
    String s = String.valueOf(text);
    if (start != 0 || end != s.length()) {
      s = s.substring(start, end);
    }
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Utf8Output append(char c) throws IOException {
    if (c < 0x80) {
      room(1);
      buffer[position++] = (byte) c;
      return this;
    }
    return append(String.valueOf(c));
  }

  /** A number in decimal, as {@link Long#toString(long)} writes it, without building it. */
  Utf8Output append(long number) throws IOException {
    room(20);
    if (number == Long.MIN_VALUE) {
      return bytes(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
    }
    if (number < 0) {
      buffer[position++] = '-';
      number = -number;
    }
    int end = position + digits(number);
    for (int i = end - 1; i >= position; i--) {
      buffer[i] = (byte) ('0' + number % 10);
      number /= 10;
    }
    position = end;
    return this;
  }

  /** Bytes already encoded. */
  Utf8Output bytes(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - position) {
      drain();
      if (bytes.length > buffer.length) {
        out.write(bytes);
        return this;
      }
    }
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
    return this;
  }

  void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
  }

  private void room(int bytes) throws IOException {
    if (buffer.length - position < bytes) {
      drain();
    }
  }

  private void drain() throws IOException {
    out.write(buffer, 0, position);
    position = 0;
  }

  private static int digits(long number) {
    int digits = 1;
    for (long limit = 10; digits < 19 && number >= limit; limit *= 10) {
      digits++;
    }
    return digits;
  }
}
