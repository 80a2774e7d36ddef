package dev.reports.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaGuardTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "=SUM(A1:A2)",
        "+1",
        "-1",
        "-",
        "@SUM(A1)",
        "@",
        "@creator name",
        "@creator!",
        "@a-b",
        "@creator\n=1",
        "\tTab",
        "\rReturn",
        "\nnew line first",
        "=HYPERLINK(\"http://x\")",
        " =after a space",
        "   +after spaces",
        " -1 after a space",
        " @SUM(A1)",
        " @creator",
        "\u00A0=after a no-break space",
        "\u3000=after an ideographic space",
        "  \tafter spaces",
        "＝SUM(A1)",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "＠creator",
        " ＝after a space"
      })
  void cellsAFormulaCouldStartWithGetALeadingQuote(String cell) {
    assertThat(FormulaGuard.neutralise(cell)).isEqualTo("'" + cell);
  }

  @ParameterizedTest
  @ValueSource(strings = {"@creator", "@creator.tv", "@the_creator_2", "@Создатель", "@A1"})
  void bareHandlesStayAsStored(String handle) {
    assertThat(FormulaGuard.neutralise(handle)).isEqualTo(handle);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain title",
        "a=b",
        "   ",
        " plain after a space",
        "title -1",
        "'already quoted",
        "https://x.test/v?a=-1",
        "Привет",
        "ＡＢＣ full-width letters"
      })
  void otherCellsAreUnchanged(String cell) {
    assertThat(FormulaGuard.neutralise(cell)).isEqualTo(cell);
  }

  @Test
  void nullAndEmptyStayAsTheyAre() {
    assertThat(FormulaGuard.neutralise(null)).isNull();
    assertThat(FormulaGuard.neutralise("")).isEmpty();
  }
}
