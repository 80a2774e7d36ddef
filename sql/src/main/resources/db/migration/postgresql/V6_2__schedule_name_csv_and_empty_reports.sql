-- A schedule's name, what it does with an empty report, its CSV format, and monthly runs on the
-- last day of the month.

-- shown in the message instead of the shared link's name; trimmed, never empty
alter table shared_report_schedules add column name varchar(200);
alter table shared_report_schedules add constraint shared_report_schedules_name_chk
    check (name is null or char_length(name) between 1 and 200);
-- true: a run whose report has no rows sends nothing and is recorded 'skipped_empty'
alter table shared_report_schedules add column skip_if_empty boolean not null default false;
alter table shared_report_schedules add column csv_delimiter varchar(16) not null default 'comma';
alter table shared_report_schedules add constraint shared_report_schedules_csv_delimiter_chk
    check (csv_delimiter in ('comma', 'semicolon', 'tab'));
-- true: the CSV starts with the UTF-8 byte order mark (Excel needs it to read UTF-8)
alter table shared_report_schedules add column csv_bom boolean not null default false;

-- The checks below were declared inline in V2, so each database named them itself: these are
-- PostgreSQL's names; H2 (dev mode) drops its own in db/migration/h2/V6_2_1.
-- day_of_month -1 is the last day of the month (cron_expression 'M H L * *')
alter table shared_report_schedules drop constraint if exists shared_report_schedules_day_of_month_check;
alter table shared_report_schedules add constraint shared_report_schedules_day_of_month_check
    check (day_of_month between 1 and 28 or day_of_month = -1);
alter table shared_report_schedules drop constraint if exists shared_report_schedules_last_run_status_check;
alter table shared_report_schedules add constraint shared_report_schedules_last_run_status_check
    check (last_run_status in ('succeeded', 'partially_failed', 'failed', 'skipped_missed', 'skipped_empty'));
alter table shared_report_runs drop constraint if exists shared_report_runs_status_check;
alter table shared_report_runs add constraint shared_report_runs_status_check
    check (status in ('running', 'succeeded', 'partially_failed', 'failed', 'skipped_missed', 'skipped_empty'));
