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
        "=HYPERLINK(\"http://x\")"
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
        " =after a space",
        "'already quoted",
        "https://x.test/v?a=-1",
        "Привет",
        "\nnew line first"
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
