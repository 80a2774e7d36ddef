package dev.reports.service.run;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reports.engine.EngineTestHooks;
import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.internal.DeliveryOutcome;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.engine.report.ReportDescription;
import dev.reports.engine.report.ReportFile;
import dev.reports.engine.report.ReportRequest;
import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.run.RunResult;
import dev.reports.engine.testing.FakeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One node of the scheduler benchmark, in a JVM of its own: {@code url user cluster nodeId threads
 * outFile [quartz]} ({@code quartz}: Quartz's own per-trigger firing, the baseline). Runs the real
 * engine and run ledger with a pipeline that does no work, records when each fire claimed its
 * instant, and writes those records to {@code outFile} when it is stopped.
 */
public final class BenchmarkNode {
  private BenchmarkNode() {}

  /** A fire: the instant it claimed, when, and whether the claim won. */
  record Claim(UUID scheduleId, long scheduledFor, long claimedAt, boolean won) {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[4]);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setMaximumPoolSize(threads + 4);
    HikariDataSource dataSource = new HikariDataSource(config);
    Queue<Claim> claims = new ConcurrentLinkedQueue<>();
    RunLog ledger = new JooqRunLog(DSL.using(dataSource, SQLDialect.POSTGRES));
    RunLog recording =
        new RunLog() {
          @Override
          public Optional<Run> claim(Run candidate, String nodeId, Duration lease) {
            long at = System.currentTimeMillis();
            Optional<Run> run = ledger.claim(candidate, nodeId, lease);
            claims.add(
                new Claim(
                    candidate.scheduleId(),
                    candidate.scheduledFor().toEpochMilli(),
                    at,
                    run.isPresent()));
            return run;
          }

          @Override
          public boolean renew(Run run, Duration lease) {
            return ledger.renew(run, lease);
          }

          @Override
          public void finish(Run run, RunResult result) {
            ledger.finish(run, result);
          }
        };
    UUID organization = UUID.randomUUID();
    ReportEngine.Builder builder =
        ReportEngine.builder(dataSource)
            .schedulerName(args[2])
            .nodeId(args[3])
            .threads(threads)
            .reportDefinitions(
                id ->
                    Optional.of(
                        new ReportDefinition(
                            id,
                            organization,
                            new FakeReport(),
                            ZoneId.of("UTC"),
                            Set.of(Channel.EMAIL))))
            .runLog(recording);
    EngineTestHooks.secondsInCron(builder);
    EngineTestHooks.steps(builder, new NoWork());
    if (args.length > 6 && args[6].equals("quartz")) {
      EngineTestHooks.quartzFiring(builder);
    }
    ReportEngine engine = builder.build();
    Path out = Path.of(args[5]);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.stop(Duration.ofSeconds(5));
                  try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                    for (Claim c : claims) {
                      w.println(
                          c.scheduleId()
                              + ","
                              + c.scheduledFor()
                              + ","
                              + c.claimedAt()
                              + ","
                              + c.won());
                    }
                  } catch (IOException e) {
                    e.printStackTrace();
                  }
                }));
    engine.start();
    System.out.println("node " + args[3] + " started");
    Thread.sleep(Long.MAX_VALUE);
  }

  /** A report of no rows, delivered nowhere: the benchmark measures the scheduler. */
  static final class NoWork implements EngineTestHooks.Steps {
    @Override
    public ReportFile export(ReportRequest request) {
      try {
        Path file = Files.createTempFile("bench", ".csv");
        return new ReportFile(
            file, "bench.csv", new ReportDescription("Bench", "bench"), LocalDate.now(), 0, 0, "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public DeliveryOutcome deliver(ReportDefinition definition, Run run, ReportFile file) {
      return new DeliveryOutcome(1, 0);
    }
  }
}
