-- The host data the reports read (CONTRACT §4). Table and column names are fixed by the
-- contract; a host that already has these tables baselines Flyway past this migration.

create table organizations (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);

create table users (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id),
    email           text        not null,
    name            text,
    deactivated_at  timestamptz,
    created_at      timestamptz not null default now()
);
create index users_organization_idx on users (organization_id);

create table shared_links (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id),
    slug            text        not null,
    name            text        not null,
    -- a json literal, not a bare '{}', which H2 (dev mode) would store as the JSON string "{}";
    -- fenced from jOOQ's DDL parser, which reads json '...' as a function call
    filters         jsonb       not null default /* [jooq ignore start] */ json /* [jooq ignore stop] */ '{}',
    created_at      timestamptz not null default now()
);
create index shared_links_organization_idx on shared_links (organization_id);

create table videos (
    id               uuid primary key,
    organization_id  uuid        not null references organizations (id),
    title            text        not null,
    video_url        text        not null,
    platform         text        not null,
    status           text        not null,
    campaign_tag     text,
    channel_username text,
    published_at     timestamptz,
    created_at       timestamptz not null default now()
);
-- The report's one query: an organization's videos, newest published first, ties by id.
create index videos_org_published_idx on videos (organization_id, published_at desc nulls last, id);

create table video_statistics (
    video_id   uuid primary key references videos (id) on delete cascade,
    views      bigint      not null default 0,
    likes      bigint      not null default 0,
    comments   bigint      not null default 0,
    reposts    bigint      not null default 0,
    updated_at timestamptz not null default now()
);

create view videos_with_statistics_fast as
select v.id,
       v.organization_id,
       v.title,
       v.video_url,
       v.platform,
       v.status,
       v.campaign_tag,
       v.channel_username,
       v.published_at,
       v.created_at,
       coalesce(s.views, 0)    as views,
       coalesce(s.likes, 0)    as likes,
       coalesce(s.comments, 0) as comments,
       coalesce(s.reposts, 0)  as reposts
from videos v
         left join video_statistics s on s.video_id = v.id;

create table organization_notification_email_recipients (
    id              uuid primary key,
    organization_id uuid not null references organizations (id),
    user_id         uuid not null references users (id),
    unique (organization_id, user_id)
);

create table organization_notification_telegram_recipients (
    id               uuid primary key,
    organization_id  uuid   not null references organizations (id),
    telegram_chat_id bigint not null,
    unique (organization_id, telegram_chat_id)
);
