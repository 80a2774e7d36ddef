package dev.reports.service.run;

import static dev.reports.jooq.Tables.SHARED_REPORT_RUNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A rendered query binds each value where jOOQ put its param, and refuses a query it could not
 * bind. Its statements run against PostgreSQL and H2 in the run ledger's contract tests.
 */
class RenderedQueryTest {
  private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES);

  @Test
  void placeholdersAreFoundInOrderRepeatsIncludedAndQuotedTextSkipped() {
    assertThat(
            RenderedQuery.markers(
                "update t set a = :x, b = 'no :y here', c = \"col:z\" where d = :x_2 or e = :x"))
        .containsExactly("x", "x_2", "x");
  }

  @Test
  void aValueUsedTwiceIsBoundAtBothPlaces() {
    var r = SHARED_REPORT_RUNS;
    var node = param("node", r.NODE_ID);

    RenderedQuery query =
        new RenderedQuery(
            dsl,
            dsl.update(r)
                .set(r.NODE_ID, node)
                .where(r.NODE_ID.ne(node))
                .and(r.STATUS.eq(inline("running"))));

    assertThat(query.sql()).containsOnlyOnce("'running'").contains("\"node_id\" = ?");
    assertThat(query.sql().chars().filter(c -> c == '?')).hasSize(2);
  }

  @Test
  void aQueryWithAValueThatIsNotANamedParamIsRefused() {
    var r = SHARED_REPORT_RUNS;

    assertThatThrownBy(
            () ->
                new RenderedQuery(
                    dsl, dsl.update(r).set(r.NODE_ID, "node-a").where(r.STATUS.eq("running"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a named param");
  }
}
