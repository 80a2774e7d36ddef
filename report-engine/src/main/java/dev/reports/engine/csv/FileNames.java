package dev.reports.engine.csv;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/** The file name recipients see: {@code {slug}-{YYYY-MM-DD}.csv}. */
final class FileNames {
  static final String FALLBACK_SLUG = "report";
  static final int MAX_SLUG_LENGTH = 80;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern OTHERS = Pattern.compile("[^a-z0-9]+");

  private FileNames() {}

  static String of(String slug, LocalDate runDate) {
    return slug(slug) + "-" + runDate + ".csv";
  }

  /**
   * Reduces a slug to {@code [a-z0-9-]}: accents are dropped ({@code é} → {@code e}), letters
   * lower-cased, every other run of characters becomes one {@code -}, and the result is trimmed of
   * {@code -} and cut at {@value #MAX_SLUG_LENGTH} characters. Nothing left (a slug in another
   * script, say) gives {@value #FALLBACK_SLUG}, so a name never starts with the date's {@code -}.
   */
  static String slug(String raw) {
    String folded =
        MARKS
            .matcher(Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFKD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    String reduced = trimDashes(OTHERS.matcher(folded).replaceAll("-"));
    if (reduced.length() > MAX_SLUG_LENGTH) {
      reduced = trimDashes(reduced.substring(0, MAX_SLUG_LENGTH));
    }
    return reduced.isEmpty() ? FALLBACK_SLUG : reduced;
  }

  private static String trimDashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '-') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '-') {
      to--;
    }
    return s.substring(from, to);
  }
}
