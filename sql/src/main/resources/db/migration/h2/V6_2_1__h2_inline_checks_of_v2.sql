-- H2's own names for the inline checks of V2 that V6_2 replaced (PostgreSQL's were dropped there).
-- H2 derives them from the table's name, so every H2 database replaying V2 has exactly these.
alter table shared_report_schedules drop constraint "CONSTRAINT_67A78C0B";
alter table shared_report_schedules drop constraint "CONSTRAINT_67A78C0B_0";
alter table shared_report_runs drop constraint "CONSTRAINT_A26D";
