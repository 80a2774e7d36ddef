package dev.reports.engine.csv;

import dev.reports.engine.report.ReportException;
import dev.reports.engine.report.VideoRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Carries rows from the source's thread to a writer thread, in batches, so that fetching and
 * decoding the next rows overlaps with formatting, hashing and writing the last ones (a cursor
 * otherwise leaves the database idle while the client works, and the client idle while the database
 * does). At most {@value #BATCHES} batches of {@value #BATCH} rows wait in between, so memory stays
 * flat however many rows come.
 */
final class RowPipe implements Consumer<VideoRow>, AutoCloseable {
  static final int BATCH = 256;
  static final int BATCHES = 8;

  private static final VideoRow[] END = new VideoRow[0];

  private final BlockingQueue<VideoRow[]> queue = new ArrayBlockingQueue<>(BATCHES);
  private final CsvRowWriter writer;
  private final Thread thread;
  private volatile Throwable failure;
  private VideoRow[] batch = new VideoRow[BATCH];
  private int size;
  private boolean finished;

  RowPipe(CsvRowWriter writer, String threadName) {
    this.writer = writer;
    this.thread = new Thread(this::drain, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void accept(VideoRow row) {
    if (finished) {
      throw new IllegalStateException("rows arrived after the report source returned");
    }
    throwIfWriterFailed();
    batch[size++] = Objects.requireNonNull(row, "row");
    if (size == BATCH) {
      put(batch);
      batch = new VideoRow[BATCH];
      size = 0;
    }
  }

  /** Writes the rows still waiting and the writer's failure, if it had one. */
  void finish() throws IOException {
    finished = true;
    if (size > 0) {
      put(Arrays.copyOf(batch, size));
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
      for (VideoRow[] rows = queue.take(); rows != END; rows = queue.take()) {
        if (failure != null) {
          continue; // keep taking, so the source never blocks on a dead writer
        }
        try {
          for (VideoRow row : rows) {
            writer.write(row);
          }
        } catch (IOException | RuntimeException | Error e) {
          failure = e;
        }
      }
    } catch (InterruptedException stopped) {
      // close(): the source failed and nothing more will be written
    }
  }

  private void put(VideoRow[] rows) {
    try {
      queue.put(rows);
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
