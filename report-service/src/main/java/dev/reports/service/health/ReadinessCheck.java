package dev.reports.service.health;

import java.util.Objects;
import java.util.concurrent.Callable;

/** Something the service needs before it can take traffic; asked on every readiness probe. */
public interface ReadinessCheck {
  /** A short name shown in the probe's answer, e.g. {@code database}. */
  String name();

  /** Whether the part is usable now; throwing counts as not ready. */
  Status check() throws Exception;

  /** A check named {@code name} that runs {@code check}. */
  static ReadinessCheck of(String name, Callable<Status> check) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Status check() throws Exception {
        return check.call();
      }
    };
  }

  /**
   * A check's answer.
   *
   * @param ready whether the part is usable
   * @param detail why not, shown to whoever probes (so: no secrets, no internals); empty when ready
   */
  record Status(boolean ready, String detail) {
    private static final Status UP = new Status(true, "");

    public static Status up() {
      return UP;
    }

    public static Status down(String detail) {
      return new Status(false, detail);
    }
  }
}
