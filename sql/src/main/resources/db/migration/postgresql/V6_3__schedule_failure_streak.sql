-- Failure alerts and auto-pause: a schedule's failed runs in a row (a failed or partially failed
-- run adds one, a succeeded run resets it, a skipped run leaves it; counted in the transaction that
-- records the run's end), and why it was disabled when that count reached the limit (null when it
-- was not disabled for failing). Enabling the schedule again clears both.
alter table shared_report_schedules add column consecutive_failures integer not null default 0;
alter table shared_report_schedules add column disabled_reason text;
