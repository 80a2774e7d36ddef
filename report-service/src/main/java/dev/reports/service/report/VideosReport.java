package dev.reports.service.report;

import static dev.reports.engine.report.Column.date;
import static dev.reports.engine.report.Column.integer;
import static dev.reports.engine.report.Column.text;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.VIDEOS_WITH_STATISTICS_FAST;

import dev.reports.engine.delivery.ReportMessage;
import dev.reports.engine.report.Column;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.ReportPeriod;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.RowSink;
import dev.reports.jooq.tables.VideosWithStatisticsFast;
import dev.reports.jooq.tables.records.SharedLinksRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record12;
import org.jooq.SelectLimitStep;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;
import org.postgresql.PGStatement;

/**
 * The service's report: the videos of one shared link, from {@code videos_with_statistics_fast},
 * filtered by the shared link's filters as they are at the run and scoped to the schedule's
 * organization, in one read-only query streamed through a server-side cursor ({@code fetchSize}
 * rows at a time), newest published first. Its twelve columns and their order are the CSV's
 * (docs/reports.md); the two dates are the instants' days in the schedule's zone.
 *
 * @param dsl where the host tables are
 * @param sharedLinkId the shared link whose current filters select the rows
 * @param fetchSize rows per round trip, at least 1
 * @param sharedLinkUrlTemplate the link to a shared link in messages, {@code {slug}} replaced by
 *     its slug ({@code REPORTS_SHARED_LINK_URL}); {@code null} (or blank) for no link
 */
public record VideosReport(
    DSLContext dsl, UUID sharedLinkId, int fetchSize, String sharedLinkUrlTemplate)
    implements Report {
  /** Rows per round trip: large enough to keep the connection busy, small enough for any heap. */
  public static final int DEFAULT_FETCH_SIZE = 2_000;

  /** The CSV's columns, in order: the header is their names. */
  public static final List<Column> COLUMNS =
      List.of(
          text("title"),
          text("video_url"),
          text("platform"),
          text("status"),
          text("campaign_tag"),
          text("channel_username"),
          date("published_at"),
          date("created_at"),
          integer("views"),
          integer("likes"),
          integer("comments"),
          integer("reposts"));

  private static final VideosWithStatisticsFast V = VIDEOS_WITH_STATISTICS_FAST;

  public VideosReport {
    if (fetchSize < 1) {
      throw new IllegalArgumentException("fetchSize must be at least 1, got " + fetchSize);
    }
    sharedLinkUrlTemplate =
        sharedLinkUrlTemplate == null || sharedLinkUrlTemplate.isBlank()
            ? null
            : sharedLinkUrlTemplate;
  }

  /** The shared link's report with the default fetch size and no link in messages. */
  public VideosReport(DSLContext dsl, UUID sharedLinkId) {
    this(dsl, sharedLinkId, DEFAULT_FETCH_SIZE, null);
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  /** Names the shared link only: the DSL's configuration is no one's business in a log line. */
  @Override
  public String toString() {
    return "VideosReport[sharedLinkId=" + sharedLinkId + "]";
  }

  @Override
  public ReportDescription rows(ReportRequest request, RowSink rows) {
    try {
      return dsl.connectionResult(connection -> inReadOnlyTransaction(connection, request, rows));
    } catch (DataAccessException e) {
      throw new ReportException(
          "could not read the report of shared link " + sharedLinkId + ": " + e.getMessage(),
          false,
          e);
    }
  }

  /**
   * PostgreSQL streams through a cursor only outside auto-commit; the transaction is read-only and
   * rolled back, as it changes nothing.
   */
  private ReportDescription inReadOnlyTransaction(
      Connection connection, ReportRequest request, RowSink rows) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    boolean readOnly = connection.isReadOnly();
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    try {
      DSLContext tx = dsl.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
      ReportDescription description = stream(tx, request, rows);
      restore(connection, autoCommit, readOnly);
      return description;
    } catch (RuntimeException | Error e) {
      try {
        restore(connection, autoCommit, readOnly);
      } catch (SQLException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void restore(Connection connection, boolean autoCommit, boolean readOnly)
      throws SQLException {
    connection.rollback();
    connection.setReadOnly(readOnly);
    connection.setAutoCommit(autoCommit);
  }

  private ReportDescription stream(DSLContext tx, ReportRequest request, RowSink rows) {
    ReportDefinition definition = request.definition();
    SharedLinksRecord link = sharedLink(tx, definition);
    ReportFilters filters;
    try {
      filters = FiltersParser.parse(link.getFilters().data());
    } catch (FiltersParser.InvalidFiltersException e) {
      throw new ReportException(
          "shared link " + link.getId() + " has invalid filters: " + e.getMessage(), true);
    }
    Condition where =
        FilterConditions.of(
            filters, definition.organizationId(), definition.zone(), request.asOf());
    // jOOQ builds, binds and runs the query; rows are read by column index, without a record each
    DSLContext binary = tx.configuration().deriveAppending(new BinaryResults()).dsl();
    try (ResultSet result = query(binary, where).fetchSize(fetchSize).fetchResultSet()) {
      while (result.next()) {
        row(result, rows);
      }
    } catch (SQLException e) {
      throw new DataAccessException("could not read the report's rows: " + e.getMessage(), e);
    }
    return new ReportDescription(
        link.getName(),
        link.getSlug(),
        period(filters, LocalDate.ofInstant(request.asOf(), definition.zone())),
        sharedLinkUrlTemplate == null
            ? null
            : ReportMessage.link(sharedLinkUrlTemplate, link.getSlug()));
  }

  /**
   * The dates the filters select, in the schedule's zone: {@code published_within_days: N} is the N
   * dates ending on the run's date, {@code published_from} and {@code published_to} are themselves,
   * and together they narrow each other.
   */
  static ReportPeriod period(ReportFilters filters, LocalDate runDate) {
    LocalDate from = filters.publishedFrom();
    LocalDate to = filters.publishedTo();
    if (filters.publishedWithinDays() != null) {
      LocalDate first = runDate.minusDays(Math.max(filters.publishedWithinDays() - 1L, 0));
      from = from == null || first.isAfter(from) ? first : from;
      to = to == null || runDate.isBefore(to) ? runDate : to;
    }
    return new ReportPeriod(from, to);
  }

  private SharedLinksRecord sharedLink(DSLContext tx, ReportDefinition definition) {
    SharedLinksRecord link =
        tx.selectFrom(SHARED_LINKS).where(SHARED_LINKS.ID.eq(sharedLinkId)).fetchOne();
    if (link == null) {
      throw new ReportException("shared link " + sharedLinkId + " no longer exists", true);
    }
    if (!link.getOrganizationId().equals(definition.organizationId())) {
      throw new ReportException(
          "shared link "
              + sharedLinkId
              + " does not belong to organization "
              + definition.organizationId(),
          true);
    }
    return link;
  }

  /**
   * Asks PgJDBC for binary results: timestamps and numbers then arrive as bytes to copy, not text
   * to parse, a third of the client's work per row. Other drivers are left as they are.
   */
  private static final class BinaryResults implements ExecuteListener {
    @Override
    public void executeStart(ExecuteContext ctx) {
      try {
        PreparedStatement statement = ctx.statement();
        if (statement != null && statement.isWrapperFor(PGStatement.class)) {
          statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
      } catch (SQLException e) {
        throw new DataAccessException("could not ask for binary results", e);
      }
    }
  }

  /** Hands one row of {@link #query}'s result to {@code sink}, in {@link #COLUMNS}' order. */
  static void row(ResultSet row, RowSink sink) throws SQLException {
    sink.row(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        instant(row.getObject(7, OffsetDateTime.class)),
        instant(row.getObject(8, OffsetDateTime.class)),
        row.getLong(9),
        row.getLong(10),
        row.getLong(11),
        row.getLong(12));
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  /** The report's one query, in the column and row order docs/reports.md gives. */
  static SelectLimitStep<
          Record12<
              String,
              String,
              String,
              String,
              String,
              String,
              OffsetDateTime,
              OffsetDateTime,
              Long,
              Long,
              Long,
              Long>>
      query(DSLContext dsl, Condition where) {
    return dsl.select(
            V.TITLE,
            V.VIDEO_URL,
            V.PLATFORM,
            V.STATUS,
            V.CAMPAIGN_TAG,
            V.CHANNEL_USERNAME,
            V.PUBLISHED_AT,
            V.CREATED_AT,
            V.VIEWS,
            V.LIKES,
            V.COMMENTS,
            V.REPOSTS)
        .from(V)
        .where(where)
        .orderBy(V.PUBLISHED_AT.desc().nullsLast(), V.ID.asc());
  }
}
