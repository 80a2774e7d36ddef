-- The engine's own run ledger and delivery log, used when the host gives the engine none.
-- A host that keeps its own (the report service keeps shared_report_runs and
-- shared_report_notifications) leaves these tables empty.

-- One row per (schedule, instant, manual key): a second fire of the same instant is a no-op; a
-- manual run's key is its own id. A claim holds until lease_expires_at (renewed by its node while
-- the run is in progress; null once finished); attempts is the fencing token of a takeover.
create table if not exists ${report_engine_prefix}report_engine_runs (
    id               uuid primary key,
    schedule_id      uuid                     not null,
    scheduled_for    timestamp with time zone not null,
    manual_key       varchar(36)              not null default '',
    kind             varchar(16)              not null,
    status           varchar(32)              not null,
    node_id          varchar(200),
    attempts         integer                  not null default 0,
    started_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    lease_expires_at timestamp with time zone,
    row_count        bigint,
    byte_size        bigint,
    sha256           varchar(64),
    error            text,
    constraint ${report_engine_prefix}report_engine_runs_instant_uq
        unique (schedule_id, scheduled_for, manual_key)
);
create index if not exists ${report_engine_prefix}report_engine_runs_schedule_started_idx
    on ${report_engine_prefix}report_engine_runs (schedule_id, started_at desc);

-- A schedule's last run, next run and failed runs in a row, as the run ledger records them.
create table if not exists ${report_engine_prefix}report_engine_schedules (
    schedule_id          uuid primary key,
    last_run_at          timestamp with time zone,
    last_run_status      varchar(32),
    next_run_at          timestamp with time zone,
    consecutive_failures integer not null default 0,
    paused_reason        text
);

-- One row per (run, channel, recipient key), opened before sending and completed after; a failure
-- alert's key starts with 'alert:'. payload is JSON text (what was sent and how it went).
create table if not exists ${report_engine_prefix}report_engine_deliveries (
    id              uuid primary key,
    run_id          uuid                     not null
        references ${report_engine_prefix}report_engine_runs (id),
    schedule_id     uuid                     not null,
    organization_id uuid,
    channel         varchar(64)              not null,
    recipient_key   varchar(300)             not null,
    status          varchar(16)              not null,
    payload         text                     not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint ${report_engine_prefix}report_engine_deliveries_recipient_uq
        unique (run_id, channel, recipient_key)
);
create index if not exists ${report_engine_prefix}report_engine_deliveries_schedule_idx
    on ${report_engine_prefix}report_engine_deliveries (schedule_id, created_at desc, id desc);
