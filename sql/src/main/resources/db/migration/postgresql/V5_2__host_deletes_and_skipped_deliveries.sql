-- Deleting a host row never fails because of the report tables, and a delivery may be skipped.
--
-- The foreign keys of V2 were declared inline, so each database named them its own way
-- (H2 replays these files in dev mode and names constraints by hash): to change one, its column
-- is replaced by a new one carrying a named constraint, the values copied over. Constraints that
-- name the replaced column are dropped by name first and added back after.

-- A deleted shared link takes its schedules with it: the link becomes null, which every reader
-- treats as deleted (the engine removes the trigger); the row stays so its history stays readable.
alter table shared_report_schedules add column shared_link_ref uuid;
update shared_report_schedules set shared_link_ref = shared_link_id;
alter table shared_report_schedules drop column shared_link_id;
alter table shared_report_schedules rename column shared_link_ref to shared_link_id;
alter table shared_report_schedules add constraint shared_report_schedules_shared_link_id_fkey
    foreign key (shared_link_id) references shared_links (id) on delete set null;
create index shared_report_schedules_link_idx on shared_report_schedules (shared_link_id);

-- A deleted user no longer created the schedule.
alter table shared_report_schedules add column created_by_ref uuid;
update shared_report_schedules set created_by_ref = created_by;
alter table shared_report_schedules drop column created_by;
alter table shared_report_schedules rename column created_by_ref to created_by;
alter table shared_report_schedules add constraint shared_report_schedules_created_by_fkey
    foreign key (created_by) references users (id) on delete set null;

-- A deleted user leaves the schedules' recipient lists.
alter table shared_report_schedule_recipients drop constraint shared_report_schedule_recipients_channel_chk;
alter table shared_report_schedule_recipients drop constraint shared_report_schedule_recipients_user_uq;
alter table shared_report_schedule_recipients add column user_ref uuid;
update shared_report_schedule_recipients set user_ref = user_id;
alter table shared_report_schedule_recipients drop column user_id;
alter table shared_report_schedule_recipients rename column user_ref to user_id;
alter table shared_report_schedule_recipients add constraint shared_report_schedule_recipients_user_id_fkey
    foreign key (user_id) references users (id) on delete cascade;
alter table shared_report_schedule_recipients add constraint shared_report_schedule_recipients_user_uq
    unique (schedule_id, user_id);
alter table shared_report_schedule_recipients add constraint shared_report_schedule_recipients_channel_chk check (
    (channel = 'email' and user_id is not null and telegram_chat_id is null)
    or (channel = 'telegram' and telegram_chat_id is not null and user_id is null));

-- The delivery log keeps its rows when their user is deleted (recipient_key still names them).
alter table shared_report_notifications drop constraint shared_report_notifications_recipient_chk;
alter table shared_report_notifications add column recipient_user_ref uuid;
update shared_report_notifications set recipient_user_ref = recipient_user_id;
alter table shared_report_notifications drop column recipient_user_id;
alter table shared_report_notifications rename column recipient_user_ref to recipient_user_id;
alter table shared_report_notifications add constraint shared_report_notifications_recipient_user_id_fkey
    foreign key (recipient_user_id) references users (id) on delete set null;
alter table shared_report_notifications add constraint shared_report_notifications_recipient_chk check (
    (channel = 'email' and telegram_chat_id is null)
    or (channel = 'telegram' and recipient_user_id is null));

-- 'skipped': a recipient that can no longer receive the organization's reports (deactivated, a
-- Telegram chat disconnected, moved to another organization) — not sent, and not a failure.
alter table shared_report_notifications add column status_new varchar(16);
update shared_report_notifications set status_new = status;
alter table shared_report_notifications drop column status;
alter table shared_report_notifications rename column status_new to status;
alter table shared_report_notifications alter column status set not null;
alter table shared_report_notifications add constraint shared_report_notifications_status_check
    check (status in ('pending', 'sent', 'failed', 'skipped'));
