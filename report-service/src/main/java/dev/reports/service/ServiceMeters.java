package dev.reports.service;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import javax.sql.DataSource;

/**
 * A node's JVM and connection-pool meters (GC, class loading, the HikariCP pool), bound once per
 * node; the API binds memory, threads, processor and uptime. Documented in docs/operations.md.
 */
final class ServiceMeters implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private ServiceMeters(MeterRegistry registry, DataSource pool) {
    gc.bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    if (pool instanceof HikariDataSource hikari) {
      // hikaricp_connections_{active,idle,pending,...}, under the pool's name "reports-db"
      hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }
  }

  static ServiceMeters bind(MeterRegistry registry, DataSource pool) {
    return new ServiceMeters(registry, pool);
  }

  @Override
  public void close() {
    gc.close(); // stops listening for GC notifications
  }
}
