-- Trigger acquisition reads "WAITING, due, ordered by next fire time then priority descending,
-- first N". With thousands of triggers due at the same instant, an index ending at next_fire_time
-- made every acquisition read and sort all of them; this one returns the first N in order.
-- (Quartz's tables are not part of the generated jOOQ classes.)
/* [jooq ignore start] */
CREATE INDEX IDX_QRTZ_T_ACQUIRE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME, PRIORITY DESC);
/* [jooq ignore stop] */
