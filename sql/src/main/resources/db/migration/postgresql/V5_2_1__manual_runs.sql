-- Manual runs ("run now") never share a ledger key: a scheduled or missed run is one per
-- (schedule, instant), manual_key '' — a second fire of that instant is a no-op; a manual run's
-- manual_key is its own id, so two asked for in the same millisecond (or at a scheduled instant)
-- are two runs.
alter table shared_report_runs drop constraint shared_report_runs_schedule_instant_uq;
alter table shared_report_runs add column manual_key varchar(36) not null default '';
alter table shared_report_runs add constraint shared_report_runs_schedule_instant_uq
    unique (schedule_id, scheduled_for, manual_key);

-- Every "run now" the API accepted, for its brakes across the cluster: the same Idempotency-Key
-- of an organization within 24 h answers the same run; a schedule's manual run still in progress
-- refuses another; at most so many per organization a minute. Rows older than 24 h are pruned.
create table shared_report_manual_runs (
    run_id          uuid primary key,
    schedule_id     uuid         not null references shared_report_schedules (id),
    organization_id uuid         not null,
    idempotency_key varchar(100),
    requested_at    timestamptz  not null default now(),
    constraint shared_report_manual_runs_key_uq unique (organization_id, idempotency_key)
);
create index shared_report_manual_runs_org_requested_idx
    on shared_report_manual_runs (organization_id, requested_at);
create index shared_report_manual_runs_schedule_requested_idx
    on shared_report_manual_runs (schedule_id, requested_at);

-- One row per organization, locked (select … for update) by a change that must see the
-- organization's other changes first: a create against the schedule quota, a "run now" against
-- its brakes. Not a foreign key: the host deletes organizations without asking.
create table shared_report_organization_locks (
    organization_id uuid primary key
);
