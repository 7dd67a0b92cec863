-- An upper bound on the queued jobs, kept in the submission lock's row so that a submission can check the queue's
-- capacity without counting it: every write that queues a job (a submission, a requeue after an expired lease, a job
-- given back on shutdown) adds one, nothing subtracts (claims and cancels would otherwise all take this row). While
-- it is below lrtune.queue.max-queued a submission needs no count; once it reaches it, the submission counts the
-- queue under the row's lock and sets it to the count. Runs unchanged on H2 2.4 and PostgreSQL 15.
ALTER TABLE job_submission_lock ADD COLUMN queued_bound BIGINT DEFAULT 0 NOT NULL;
UPDATE job_submission_lock SET queued_bound = (SELECT COUNT(*) FROM jobs WHERE status = 'queued');
