-- H2 (dev mode) replays the PostgreSQL migrations in PostgreSQL compatibility mode; this is all
-- it lacks for them: the two PostgreSQL type names the schema uses that H2 does not know.
-- Version 0 so it runs before V1. PostgreSQL never sees this folder.
create domain if not exists timestamptz as timestamp with time zone;
create domain if not exists jsonb as json;
