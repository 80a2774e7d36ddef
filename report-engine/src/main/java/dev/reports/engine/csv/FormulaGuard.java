package dev.reports.engine.csv;

/**
 * Neutralises text cells a spreadsheet would run as a formula, by prefixing {@code '}; a bare
 * handle such as {@code @creator} is left as stored.
 */
final class FormulaGuard {
  private FormulaGuard() {}

  static String neutralise(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return switch (text.charAt(0)) {
      case '=', '+', '-', '\t', '\r' -> "'" + text;
      case '@' -> isHandle(text) ? text : "'" + text;
      default -> text;
    };
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
