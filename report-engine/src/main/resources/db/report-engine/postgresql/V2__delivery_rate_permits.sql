-- Delivery rate limits shared by every node (Telegram 30 messages/s per bot, Loops 10 requests/s
-- per team): one row per request that holds, or still counts against, a provider's window.
-- limiter_key is a SHA-256 of the limiter's key, itself built from a hash of the bot token or API
-- key: never a credential. A permit counts while counts_until is ahead of the database's clock:
-- while its request is in flight, its node renews that lease (a dead node stops renewing, and its
-- permit stops counting once the lease is out); once the answer is back, ended_at is set and the
-- permit counts for the limit's window after it. Rows past counts_until are pruned.
-- "if not exists": see V1.
create table if not exists ${report_engine_prefix}delivery_rate_permits (
    id           bigint generated always as identity primary key,
    limiter_key  varchar(64) not null,
    granted_at   timestamp with time zone not null,
    ended_at     timestamp with time zone,
    counts_until timestamp with time zone not null
);
create index if not exists ${report_engine_prefix}delivery_rate_permits_key_idx
    on ${report_engine_prefix}delivery_rate_permits (limiter_key, counts_until);
