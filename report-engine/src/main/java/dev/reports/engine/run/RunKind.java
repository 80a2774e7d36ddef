package dev.reports.engine.run;

/** Why a run happened. */
public enum RunKind {
  /** Its trigger fired at (or, within the grace window, after) its instant. */
  SCHEDULED,
  /** Someone asked for it now ({@code runNow}). */
  MANUAL,
  /** Its instant passed beyond the grace window while no node was up; nothing was sent. */
  MISSED
}
