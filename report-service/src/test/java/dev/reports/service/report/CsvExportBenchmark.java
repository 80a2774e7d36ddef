package dev.reports.service.report;

import static dev.reports.jooq.Tables.ORGANIZATIONS;
import static dev.reports.jooq.Tables.VIDEOS;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.report.Column;
import dev.reports.engine.report.Report;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.report.RowSink;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * The CSV export against its physical limit and against the design it replaces, in one process:
 *
 * <ol>
 *   <li>our export: {@link VideosReport} (one query, server-side cursor) into {@link CsvExporter}
 *       (CSV file on disk, SHA-256 on the way);
 *   <li>{@code COPY (the same SELECT) TO STDOUT WITH CSV} through PgJDBC's CopyManager into a null
 *       sink: PostgreSQL's own fastest way out, with no file and no Java work per row;
 *   <li>the original design: the same SELECT in 1000-row {@code LIMIT/OFFSET} pages into the same
 *       CSV writer, stopped after a time cap and extrapolated (per-page time grows with the offset,
 *       so a least-squares line through the measured pages is summed over all pages).
 * </ol>
 *
 * <p>Seeds N videos (with statistics for nine in ten) into a dedicated database once; a later run
 * with the same N reuses them. Options: {@code --rows=N} (1,000,000), {@code --offset-cap=S} (60),
 * {@code --repeat=K} (2, best kept), {@code --fetch-size=F}, {@code --db=jdbc-url} (env {@code
 * REPORTS_BENCH_DB_URL}, default a {@code reports_bench_csv} database on 127.0.0.1:5432), {@code
 * --user=U} ({@code postgres}). See docs/benchmarks.md.
 */
public final class CsvExportBenchmark {
  private static final int PAGE = 1000;
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private final Map<String, String> options;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  private CsvExportBenchmark(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      options.put(pair[0], pair.length > 1 ? pair[1] : "true");
    }
    new CsvExportBenchmark(options).run();
  }

  private void run() throws Exception {
    int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
    int offsetCap = Integer.parseInt(options.getOrDefault("offset-cap", "60"));
    int repeat = Integer.parseInt(options.getOrDefault("repeat", "2"));
    int fetchSize =
        Integer.parseInt(
            options.getOrDefault("fetch-size", String.valueOf(VideosReport.DEFAULT_FETCH_SIZE)));
    String url =
        options.getOrDefault(
            "db",
            System.getenv()
                .getOrDefault(
                    "REPORTS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/reports_bench_csv"));
    String user = options.getOrDefault("user", "postgres");

    HikariDataSource dataSource = database(url, user);
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    UUID organization = seeded(dsl, rows);
    UUID link = sharedLink(dsl, organization);
    VideosReport videos = new VideosReport(dsl, link, fetchSize, null);
    ReportRequest request =
        new ReportRequest(
            new ReportDefinition(UUID.randomUUID(), organization, videos, ZONE, Set.of()),
            UUID.randomUUID(),
            Instant.now());
    Condition where = FilterConditions.of(ReportFilters.NONE, organization, ZONE, request.asOf());
    String select = dsl.renderInlined(VideosReport.query(dsl, where));
    Path workDir = Files.createTempDirectory("csv-benchmark");

    System.out.printf(
        Locale.ROOT,
        "CSV export benchmark: %,d videos of one organization, heap limit %s, %d cores (load"
            + " average %.1f), fetch size %,d%n",
        rows,
        mb(Runtime.getRuntime().maxMemory()),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        fetchSize);

    Measurement ours = null;
    Measurement copy = null;
    for (int i = 0; i < repeat; i++) {
      ours = best(ours, export(videos, workDir, request));
      copy = best(copy, copy(dataSource, select));
    }
    print("our export (cursor -> CSV file)", ours);
    print("COPY ... TO STDOUT WITH CSV (null sink)", copy);
    OffsetEstimate offset = offsetPages(dsl, where, workDir, request, rows, offsetCap);
    if (offset.complete) {
      System.out.printf(
          Locale.ROOT,
          "%-40s %,11d rows in %7.2f s = %,9.0f rows/s (complete, under the %d s cap), peak heap"
              + " %s%n",
          "OFFSET pages of 1000 (original design)",
          offset.rows,
          offset.seconds,
          offset.rows / offset.seconds,
          offsetCap,
          mb(offset.peakHeap));
    } else {
      System.out.printf(
          Locale.ROOT,
          "%-40s %,11d rows in %7.2f s, then stopped at the %d s cap; peak heap %s%n"
              + "%-40s EXTRAPOLATED to %,d rows: %,.0f s = %,.0f rows/s (fit: %.1f ms per page"
              + " + %.2f ms per 1000 rows of offset)%n"
              + "%-40s floor, were no page slower than the last: %,.0f s = %,.0f rows/s%n",
          "OFFSET pages of 1000 (original design)",
          offset.rows,
          offset.seconds,
          offsetCap,
          mb(offset.peakHeap),
          "",
          rows,
          offset.extrapolatedSeconds,
          rows / offset.extrapolatedSeconds,
          offset.intercept * 1000,
          offset.slope * 1000,
          "",
          offset.floorSeconds,
          rows / offset.floorSeconds);
    }
    double oursRate = ours.rate();
    System.out.printf(
        Locale.ROOT,
        "ratios: ours/COPY = %.2f (target >= 0.5); ours/OFFSET = %,.1fx extrapolated, at least"
            + " %,.1fx (target >= 10x)%n",
        oursRate / copy.rate(),
        oursRate / (rows / offset.extrapolatedSeconds),
        oursRate / (rows / offset.floorSeconds));
    Files.deleteIfExists(workDir);
    dataSource.close();
  }

  private Measurement export(Report report, Path workDir, ReportRequest request) throws Exception {
    try (HeapSampler heap = new HeapSampler(memory)) {
      long start = System.nanoTime();
      AtomicLong firstRow = new AtomicLong();
      Report timed =
          new Report() {
            @Override
            public List<Column> columns() {
              return report.columns();
            }

            @Override
            public ReportDescription rows(ReportRequest r, RowSink sink) {
              return report.rows(
                  r,
                  values -> {
                    if (firstRow.get() == 0) {
                      firstRow.set(System.nanoTime());
                    }
                    sink.row(values);
                  });
            }
          };
      long cpu = processCpu();
      ReportFile file = new CsvExporter(workDir, false).export(withReport(request, timed));
      double seconds = (System.nanoTime() - start) / 1e9;
      cpu = processCpu() - cpu;
      Files.delete(file.path());
      return new Measurement(
          file.rows(), seconds, heap.peak(), file.bytes(), (firstRow.get() - start) / 1e9, cpu);
    }
  }

  /** The same request, its schedule running {@code report}. */
  private static ReportRequest withReport(ReportRequest request, Report report) {
    ReportDefinition d = request.definition();
    return new ReportRequest(
        new ReportDefinition(
            d.scheduleId(),
            d.organizationId(),
            report,
            d.zone(),
            d.channels(),
            d.name(),
            d.skipIfEmpty(),
            d.csv()),
        request.runId(),
        request.asOf());
  }

  private Measurement copy(DataSource dataSource, String select) throws Exception {
    try (Connection connection = dataSource.getConnection();
        HeapSampler heap = new HeapSampler(memory)) {
      CountingSink sink = new CountingSink();
      long start = System.nanoTime();
      long cpu = processCpu();
      long rows =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyOut("COPY (" + select + ") TO STDOUT WITH CSV", sink);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Measurement(
          rows, seconds, heap.peak(), sink.bytes, Double.NaN, processCpu() - cpu);
    }
  }

  private OffsetEstimate offsetPages(
      DSLContext dsl, Condition where, Path workDir, ReportRequest request, int total, int cap)
      throws Exception {
    OffsetPagesSource source = new OffsetPagesSource(dsl, where, Duration.ofSeconds(cap));
    long start = System.nanoTime();
    long peak;
    try (HeapSampler heap = new HeapSampler(memory)) {
      try {
        new CsvExporter(workDir, false)
            .export(withReport(request, source))
            .path()
            .toFile()
            .delete();
      } catch (CapReached expected) {
        // the exporter removed the partial file
      }
      peak = heap.peak();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // least squares through (page index, page seconds); the first pages are JIT warm-up
    List<double[]> points =
        source.pages.subList(Math.min(5, source.pages.size() / 10), source.pages.size());
    double n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      sxy += p[0] * p[1];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double intercept = (sy - slope * sx) / n;
    long pages = (total + PAGE - 1) / PAGE;
    double extrapolated =
        source.done ? seconds : pages * intercept + slope * (pages - 1) * pages / 2.0;
    // a floor that assumes no growth at all: the pages left cost what the last ones did
    List<double[]> last =
        source.pages.subList(Math.max(0, source.pages.size() - 5), source.pages.size());
    double lastPage = last.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double floor = source.done ? seconds : seconds + (pages - source.pages.size()) * lastPage;
    return new OffsetEstimate(
        source.rows.get(), seconds, peak, extrapolated, floor, intercept, slope, source.done);
  }

  /** A small pool, as a service has: every phase, OFFSET pages included, reuses connections. */
  private static HikariDataSource database(String url, String user) throws Exception {
    int slash = url.lastIndexOf('/');
    String name = url.substring(slash + 1).replaceFirst("\\?.*", "");
    String admin = url.substring(0, slash + 1) + "postgres";
    try (Connection connection = DriverManager.getConnection(admin, user, null);
        Statement statement = connection.createStatement();
        ResultSet exists =
            statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
      if (!exists.next()) {
        statement.execute("create database " + name);
      }
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(2);
    config.setPoolName("csv-benchmark");
    HikariDataSource dataSource = new HikariDataSource(config);
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/postgresql")
            .cleanDisabled(false)
            .load();
    try {
      flyway.migrate();
    } catch (FlywayException changed) {
      // the database is the benchmark's own: when the migrations changed, start it afresh
      System.out.println("the migrations changed since the last seeding: recreating the schema");
      flyway.clean();
      flyway.migrate();
    }
    return dataSource;
  }

  /** The organization holding exactly {@code rows} videos, seeding it when there is none. */
  private static UUID seeded(DSLContext dsl, int rows) {
    UUID organization =
        UUID.nameUUIDFromBytes(("csv-benchmark-" + rows).getBytes(StandardCharsets.UTF_8));
    int existing = dsl.fetchCount(VIDEOS, VIDEOS.ORGANIZATION_ID.eq(organization));
    if (existing == rows) {
      System.out.printf(Locale.ROOT, "reusing the %,d seeded videos%n", rows);
      return organization;
    }
    System.out.printf(Locale.ROOT, "seeding %,d videos (once) ...%n", rows);
    long start = System.nanoTime();
    // cascade: tables added later that point at these (manual runs, say) are emptied with them
    dsl.execute(
        "truncate video_statistics, videos, shared_report_notifications, shared_report_runs,"
            + " shared_report_schedule_recipients, shared_report_schedules, shared_links,"
            + " organization_notification_email_recipients,"
            + " organization_notification_telegram_recipients, users, organizations cascade");
    dsl.insertInto(ORGANIZATIONS)
        .set(ORGANIZATIONS.ID, organization)
        .set(ORGANIZATIONS.NAME, "CSV benchmark")
        .execute();
    UUID neighbour =
        UUID.nameUUIDFromBytes("csv-benchmark-neighbour".getBytes(StandardCharsets.UTF_8));
    dsl.insertInto(ORGANIZATIONS)
        .set(ORGANIZATIONS.ID, neighbour)
        .set(ORGANIZATIONS.NAME, "A neighbour whose videos must not appear")
        .execute();
    BulkVideos.seed(dsl, neighbour, Math.max(1, rows / 10));
    BulkVideos.seed(dsl, organization, rows);
    dsl.execute("vacuum analyze videos");
    dsl.execute("vacuum analyze video_statistics");
    System.out.printf(Locale.ROOT, "seeded in %.0f s%n", (System.nanoTime() - start) / 1e9);
    return organization;
  }

  private static UUID sharedLink(DSLContext dsl, UUID organization) {
    UUID link = UUID.nameUUIDFromBytes(("link-" + organization).getBytes(StandardCharsets.UTF_8));
    dsl.execute(
        "insert into shared_links (id, organization_id, slug, name) values (?, ?, 'benchmark',"
            + " 'Benchmark') on conflict (id) do nothing",
        link,
        organization);
    return link;
  }

  /** CPU time of this whole JVM (every thread, GC included). */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Measurement best(Measurement a, Measurement b) {
    return a == null || b.seconds < a.seconds ? b : a;
  }

  private static void print(String label, Measurement m) {
    System.out.printf(
        Locale.ROOT,
        "%-40s %,11d rows in %7.2f s = %,9.0f rows/s, %s of CSV, peak heap %s, JVM CPU %.2f s%s%n",
        label,
        m.rows,
        m.seconds,
        m.rate(),
        mb(m.bytes),
        mb(m.peakHeap),
        m.javaCpuNanos / 1e9,
        Double.isNaN(m.firstRowSeconds)
            ? ""
            : String.format(Locale.ROOT, ", first row after %.2f s", m.firstRowSeconds));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1048576.0);
  }

  private record Measurement(
      long rows,
      double seconds,
      long peakHeap,
      long bytes,
      double firstRowSeconds,
      long javaCpuNanos) {
    double rate() {
      return rows / seconds;
    }
  }

  private record OffsetEstimate(
      long rows,
      double seconds,
      long peakHeap,
      double extrapolatedSeconds,
      double floorSeconds,
      double intercept,
      double slope,
      boolean complete) {}

  /** The original design: one query per 1000-row page, {@code OFFSET} growing each time. */
  private static final class OffsetPagesSource implements Report {
    private final DSLContext dsl;
    private final Condition where;
    private final Duration cap;
    final List<double[]> pages = new ArrayList<>();
    final AtomicLong rows = new AtomicLong();
    boolean done;

    OffsetPagesSource(DSLContext dsl, Condition where, Duration cap) {
      this.dsl = dsl;
      this.where = where;
      this.cap = cap;
    }

    @Override
    public List<Column> columns() {
      return VideosReport.COLUMNS;
    }

    @Override
    public ReportDescription rows(ReportRequest request, RowSink sink) {
      long deadline = System.nanoTime() + cap.toNanos();
      for (int page = 0; ; page++) {
        long start = System.nanoTime();
        int size = 0;
        try (ResultSet result =
            VideosReport.query(dsl, where).limit(PAGE).offset(page * PAGE).fetchResultSet()) {
          while (result.next()) {
            VideosReport.row(result, sink);
            size++;
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        rows.addAndGet(size);
        pages.add(new double[] {page, (System.nanoTime() - start) / 1e9});
        if (size < PAGE) {
          done = true;
          return new ReportDescription("Benchmark", "benchmark");
        }
        if (System.nanoTime() > deadline) {
          throw new CapReached();
        }
      }
    }
  }

  private static final class CapReached extends RuntimeException {
    CapReached() {
      super("time cap reached", null, false, false);
    }
  }

  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  /** Samples the heap in use every few milliseconds; {@link #peak()} is the most it saw. */
  private static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    HeapSampler(MemoryMXBean memory) {
      System.gc();
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    long peak() {
      return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
