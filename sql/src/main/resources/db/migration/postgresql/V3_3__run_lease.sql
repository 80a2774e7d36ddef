-- A run's claim holds until lease_expires_at; its node renews it while the run is in progress.
-- A node that dies stops renewing, and once the lease has expired another node may take the
-- unfinished run over (with attempts increased). Null once the run has finished.
alter table shared_report_runs add column lease_expires_at timestamptz;
