package dev.reports.service.report;

import dev.reports.engine.csv.CsvExporter;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs one export in its own JVM, started by {@link HeapBoundExportTest} with a small {@code -Xmx}:
 * {@code <jdbc-url> <user> <organization-id> <shared-link-id> <work-dir>}. Prints {@code rows=…
 * bytes=… max_heap=… peak_heap=…} and deletes the file.
 */
public final class ExportInSmallHeap {
  private ExportInSmallHeap() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(args[0]);
    dataSource.setUser(args[1]);
    UUID organization = UUID.fromString(args[2]);
    UUID link = UUID.fromString(args[3]);
    CsvExporter exporter = new CsvExporter(Path.of(args[4]), false);
    ReportFile file =
        exporter.export(
            new ReportRequest(
                new ReportDefinition(
                    UUID.randomUUID(),
                    organization,
                    new VideosReport(DSL.using(dataSource, SQLDialect.POSTGRES), link),
                    ZoneId.of("UTC"),
                    Set.of()),
                UUID.randomUUID(),
                Instant.now()));
    Files.delete(file.path());
    System.out.printf(
        "rows=%d bytes=%d max_heap=%d peak_heap=%d%n",
        file.rows(), file.bytes(), Runtime.getRuntime().maxMemory(), peakHeap());
  }

  /** The sum of each heap pool's peak: an upper bound of the heap ever in use at once. */
  static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(usage -> usage.getUsed())
        .sum();
  }
}
