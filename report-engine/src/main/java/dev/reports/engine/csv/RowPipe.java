package dev.reports.engine.csv;

import dev.reports.engine.report.Column;
import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Carries rows from the source's thread to a writer thread, in batches, so that fetching and
 * decoding the next rows overlaps with formatting, hashing and writing the last ones (a cursor
 * otherwise leaves the database idle while the client works, and the client idle while the database
 * does). At most {@value #BATCHES} batches of {@value #BATCH} rows wait in between, so memory stays
 * flat however many rows come.
 *
 * <p>Each row's values are checked against the columns on the source's thread, so a value of the
 * wrong type fails the report where it was given, naming its row and column; they are copied into a
 * batch of {@value #BATCH} rows × the columns, one array for the whole batch.
 */
final class RowPipe implements RowSink, AutoCloseable {
  static final int BATCH = 256;
  static final int BATCHES = 8;

  private static final Object[] END = new Object[0];

  private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(BATCHES);
  private final CsvRowWriter writer;
  private final Column[] columns;
  private final int width;
  private final Thread thread;
  private volatile Throwable failure;
  private Object[] batch;
  private int size;
  private long rows;
  private boolean finished;

  RowPipe(CsvRowWriter writer, List<Column> columns, String threadName) {
    this.writer = writer;
    this.columns = columns.toArray(Column[]::new);
    this.width = this.columns.length;
    this.batch = new Object[BATCH * width];
    this.thread = new Thread(this::drain, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void row(Object... values) {
    if (finished) {
      throw new IllegalStateException("rows arrived after the report returned");
    }
    throwIfWriterFailed();
    check(values);
    System.arraycopy(values, 0, batch, size * width, width);
    rows++;
    if (++size == BATCH) {
      put(batch);
      batch = new Object[BATCH * width];
      size = 0;
    }
  }

  private void check(Object[] values) {
    long row = rows + 1;
    if (values == null || values.length != width) {
      throw new ReportException(
          "row "
              + row
              + " has "
              + (values == null ? 0 : values.length)
              + " values, but the report declares "
              + width
              + " columns: "
              + Arrays.stream(columns).map(Column::name).toList(),
          true);
    }
    for (int i = 0; i < width; i++) {
      Column column = columns[i];
      Object value = values[i];
      if (!column.type().accepts(value)) {
        throw new ReportException(
            "row "
                + row
                + ", column \""
                + column.name()
                + "\" ("
                + column.type()
                + "): got a "
                + value.getClass().getName()
                + ", expected "
                + column.type().accepted(),
            true);
      }
    }
  }

  /** Writes the rows still waiting and the writer's failure, if it had one. */
  void finish() throws IOException {
    finished = true;
    if (size > 0) {
      put(Arrays.copyOf(batch, size * width));
    }
    put(END);
    join();
    if (failure instanceof IOException e) {
      throw e;
    }
    throwIfWriterFailed();
  }

  /** What made the writer stop, or null. */
  Throwable failure() {
    return failure;
  }

  /** Stops the writer without writing what waits (when the source failed). */
  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
      join();
    }
  }

  private void drain() {
    try {
      for (Object[] values = queue.take(); values != END; values = queue.take()) {
        if (failure != null) {
          continue; // keep taking, so the source never blocks on a dead writer
        }
        try {
          for (int from = 0; from < values.length; from += width) {
            writer.write(values, from);
          }
        } catch (IOException | RuntimeException | Error e) {
          failure = e;
        }
      }
    } catch (InterruptedException stopped) {
      // close(): the source failed and nothing more will be written
    }
  }

  private void put(Object[] values) {
    try {
      queue.put(values);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportException("interrupted while writing the CSV file", false, e);
    }
  }

  private void join() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void throwIfWriterFailed() {
    Throwable f = failure;
    if (f instanceof IOException e) {
      throw new UncheckedIOException(e);
    }
    if (f != null) {
      throw new IllegalStateException("the CSV writer failed: " + f, f);
    }
  }
}
