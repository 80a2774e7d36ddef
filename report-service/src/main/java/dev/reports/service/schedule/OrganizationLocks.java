package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.SHARED_REPORT_ORGANIZATION_LOCKS;

import java.util.UUID;
import org.jooq.DSLContext;

/**
 * A per-organization lock for the rest of the caller's transaction, held by a change that must see
 * the organization's other changes of the same kind first (a create against the schedule quota, a
 * "run now" against its brakes), on every node: a row of {@code shared_report_organization_locks},
 * created on first use and locked {@code FOR UPDATE}.
 */
final class OrganizationLocks {
  private OrganizationLocks() {}

  static void lock(DSLContext tx, UUID organizationId) {
    var l = SHARED_REPORT_ORGANIZATION_LOCKS;
    tx.insertInto(l).set(l.ORGANIZATION_ID, organizationId).onConflictDoNothing().execute();
    tx.selectFrom(l).where(l.ORGANIZATION_ID.eq(organizationId)).forUpdate().fetchOne();
  }
}
