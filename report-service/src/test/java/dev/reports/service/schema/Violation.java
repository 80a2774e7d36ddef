package dev.reports.service.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reports.service.config.DatabaseVendor;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The kinds of integrity violation the schema must raise, with each vendor's SQLSTATE. */
enum Violation {
  CHECK("23514", "23513"),
  UNIQUE("23505", "23505"),
  MISSING_PARENT("23503", "23506"),
  STILL_REFERENCED("23503", "23503"),
  NOT_NULL("23502", "23502");

  private final String postgresState;
  private final String h2State;

  Violation(String postgresState, String h2State) {
    this.postgresState = postgresState;
    this.h2State = h2State;
  }

  String sqlState(DatabaseVendor vendor) {
    return vendor == DatabaseVendor.POSTGRESQL ? postgresState : h2State;
  }

  /**
   * Asserts that {@code statement} is rejected with this violation. On PostgreSQL the violated
   * constraint (for NOT NULL: the column) must also be one of {@code names}; H2 names unnamed
   * constraints its own way, so there only the SQLSTATE is checked.
   */
  void assertRejects(DatabaseVendor vendor, ThrowingCallable statement, String... names) {
    DataAccessException e = catchThrowableOfType(DataAccessException.class, statement);
    assertThat(e).as("expected a %s violation of %s", this, Arrays.toString(names)).isNotNull();
    assertThat(e.sqlState()).as(e.getMessage()).isEqualTo(sqlState(vendor));
    if (vendor == DatabaseVendor.POSTGRESQL && names.length > 0) {
      PSQLException cause = e.getCause(PSQLException.class);
      ServerErrorMessage server = cause.getServerErrorMessage();
      String violated = this == NOT_NULL ? server.getColumn() : server.getConstraint();
      assertThat(violated).as(e.getMessage()).isIn((Object[]) names);
    }
  }
}
