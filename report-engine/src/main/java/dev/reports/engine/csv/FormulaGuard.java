package dev.reports.engine.csv;

/**
 * Neutralises text cells a spreadsheet would run as a formula, by prefixing {@code '}: a cell whose
 * first character other than leading spaces is {@code = + - @}, a tab, a carriage return or a line
 * feed, or the full-width {@code ＝ ＋ － ＠} (which spreadsheets with an East Asian input method read
 * as their ASCII forms). A bare handle such as {@code @creator} is left as stored. Numbers are
 * never passed here: they are written bare.
 */
final class FormulaGuard {
  private FormulaGuard() {}

  static String neutralise(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    int i = 0;
    // Spreadsheets trim leading spaces before they look for a formula.
    while (i < text.length() && isLeadingSpace(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    return switch (text.charAt(i)) {
      case '=', '+', '-', '\t', '\r', '\n', '＝', '＋', '－', '＠' -> "'" + text;
      case '@' -> i == 0 && isHandle(text) ? text : "'" + text;
      default -> text;
    };
  }

  /** A space, a no-break space or an ideographic space (tab, CR and LF are triggers). */
  private static boolean isLeadingSpace(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u3000';
  }

  /** {@code @} followed by at least one letter or digit, dot or underscore, and nothing else. */
  private static boolean isHandle(String text) {
    if (text.length() < 2) {
      return false;
    }
    for (int i = 1; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!Character.isLetterOrDigit(c) && c != '.' && c != '_') {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
