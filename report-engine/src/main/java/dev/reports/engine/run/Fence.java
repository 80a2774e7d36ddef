package dev.reports.engine.run;

/**
 * Proves that this node still holds a run, checked before each recipient and again right before a
 * provider is called: a node that stalled past its run's lease (a long GC pause, a frozen VM) may
 * have been replaced by another node, and must then send nothing more for that run.
 *
 * <p>A channel calls {@link #check()} as the last thing before it hands its request to the
 * provider, after anything that may wait (rate-limit permits, reading the file), so that the time
 * in which a stall can still lead to a second message is as short as it can be.
 */
@FunctionalInterface
public interface Fence {
  /** No fence: for deliveries made outside a run the engine holds (tests, tools). */
  Fence NONE = () -> {};

  /**
   * Returns when this node still holds the run; throws {@link RunFencedException} when it does not,
   * or cannot tell.
   */
  void check();
}
