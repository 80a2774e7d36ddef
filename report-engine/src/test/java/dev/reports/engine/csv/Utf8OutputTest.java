package dev.reports.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {
  private static final char[] ALPHABET = {
    'a', 'Z', '0', ',', '"', '\n', '\r', '\t', 'é', 'ß', 'Ж', 'я', '€', '中', '\uFEFF', '\uFFFF',
    '\uD83C', '\uDF89', '\uD83D', '\uDD25', '\u007F', '\u0080', '\u07FF', '\u0800'
  };

  @Test
  void encodesEachPieceExactlyAsStringGetBytesDoesLoneSurrogatesIncluded() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      char[] chars = new char[random.nextInt(40)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String text = new String(chars);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      // a tiny buffer, and the text in pieces cut at quotes, as commons-csv cuts it
      try (Utf8Output out = new Utf8Output(bytes, 32)) {
        int start = 0;
        for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', quote + 1)) {
          out.append(text, start, quote);
          out.append('"');
          start = quote + 1;
        }
        out.append(text.substring(start));
      }

      assertThat(bytes.toByteArray())
          .as("%s", text.chars().mapToObj(Integer::toHexString).toList())
          .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void writesNumbersAsLongToStringDoes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] numbers = {
      Long.MIN_VALUE,
      Long.MIN_VALUE + 1,
      -1_000_000_000_000_000_000L,
      -10,
      -9,
      -1,
      0,
      1,
      9,
      10,
      99,
      100,
      999_999_999_999_999_999L,
      1_000_000_000_000_000_000L,
      Long.MAX_VALUE
    };
    StringBuilder expected = new StringBuilder();
    try (Utf8Output out = new Utf8Output(bytes, 32)) {
      for (long number : numbers) {
        out.append(number).append(',');
        expected.append(number).append(',');
      }
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }
}
