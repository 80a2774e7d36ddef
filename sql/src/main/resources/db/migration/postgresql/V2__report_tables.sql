-- The product's own tables: schedules, their recipients, the run ledger and the delivery log.

create table shared_report_schedules (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id),
    shared_link_id  uuid        not null references shared_links (id),
    created_by      uuid        references users (id),
    -- null when the schedule was given as a raw cron expression
    cadence         varchar(16) check (cadence in ('daily', 'weekly', 'monthly')),
    -- always set: the 5-field Unix cron equivalent of the cadence, or the given expression
    cron_expression text        not null,
    timezone        text        not null,
    scheduled_time  time,
    -- ISO day of week, 1 = Monday … 7 = Sunday
    day_of_week     smallint    check (day_of_week between 1 and 7),
    day_of_month    smallint    check (day_of_month between 1 and 28),
    send_email      boolean     not null default false,
    send_telegram   boolean     not null default false,
    enabled         boolean     not null default true,
    next_run_at     timestamptz,
    last_run_at     timestamptz,
    last_run_status varchar(32) check (last_run_status in ('succeeded', 'partially_failed', 'failed', 'skipped_missed')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- deleting a schedule through the API marks it; the row stays so its history stays readable
    deleted_at      timestamptz,
    constraint shared_report_schedules_cadence_time_chk
        check (cadence is null or scheduled_time is not null),
    -- "cadence is not null and": a check passes when it is null, and cadence = 'weekly' is null
    -- for a cron schedule
    constraint shared_report_schedules_weekly_chk
        check (day_of_week is null or (cadence is not null and cadence = 'weekly')),
    constraint shared_report_schedules_monthly_chk
        check (day_of_month is null or (cadence is not null and cadence = 'monthly'))
);
-- org-scoped lists, newest first, optionally by shared link
create index shared_report_schedules_org_created_idx
    on shared_report_schedules (organization_id, created_at desc, id desc);
create index shared_report_schedules_link_idx
    on shared_report_schedules (shared_link_id);

create table shared_report_schedule_recipients (
    id               uuid primary key,
    schedule_id      uuid   not null references shared_report_schedules (id) on delete cascade,
    channel          varchar(16) not null check (channel in ('email', 'telegram')),
    user_id          uuid   references users (id),
    telegram_chat_id bigint,
    -- a recipient row has exactly the field its channel needs
    constraint shared_report_schedule_recipients_channel_chk check (
        (channel = 'email' and user_id is not null and telegram_chat_id is null)
        or (channel = 'telegram' and telegram_chat_id is not null and user_id is null)),
    constraint shared_report_schedule_recipients_user_uq unique (schedule_id, user_id),
    constraint shared_report_schedule_recipients_chat_uq unique (schedule_id, telegram_chat_id)
);

-- One row per fire of a schedule. The unique (schedule, instant) key is what makes a second
-- fire of the same instant (recovery, a duplicate acquire, a replayed misfire) a no-op.
create table shared_report_runs (
    id            uuid primary key,
    schedule_id   uuid        not null references shared_report_schedules (id),
    scheduled_for timestamptz not null,
    kind          varchar(16) not null check (kind in ('scheduled', 'manual', 'missed')),
    status        varchar(32) not null
        check (status in ('running', 'succeeded', 'partially_failed', 'failed', 'skipped_missed')),
    node_id       varchar(200),
    attempts      integer     not null default 0,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    row_count     bigint,
    byte_size     bigint,
    sha256        text,
    error         text,
    constraint shared_report_runs_schedule_instant_uq unique (schedule_id, scheduled_for)
);
create index shared_report_runs_schedule_started_idx
    on shared_report_runs (schedule_id, started_at desc);

create table shared_report_notifications (
    id                uuid primary key,
    schedule_id       uuid        not null references shared_report_schedules (id),
    run_id            uuid        references shared_report_runs (id),
    organization_id   uuid        not null references organizations (id),
    channel           varchar(16) not null check (channel in ('email', 'telegram')),
    recipient_user_id uuid        references users (id),
    telegram_chat_id  bigint,
    -- 'user:<uuid>', 'chat:<id>' or 'none' (no recipient at all): one delivery per recipient per run
    recipient_key     varchar(64) not null,
    status            varchar(16) not null check (status in ('pending', 'sent', 'failed')),
    -- a json literal, not a bare '{}', which H2 (dev mode) would store as the JSON string "{}";
    -- fenced from jOOQ's DDL parser, which reads json '...' as a function call
    payload           jsonb       not null default /* [jooq ignore start] */ json /* [jooq ignore stop] */ '{}',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint shared_report_notifications_recipient_chk check (
        (channel = 'email' and telegram_chat_id is null)
        or (channel = 'telegram' and recipient_user_id is null)),
    constraint shared_report_notifications_run_recipient_uq unique (run_id, channel, recipient_key)
);
-- delivery history of a schedule, newest first
create index shared_report_notifications_schedule_created_idx
    on shared_report_notifications (schedule_id, created_at desc, id desc);
