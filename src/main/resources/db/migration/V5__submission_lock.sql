-- One row that every job submission locks (SELECT ... FOR UPDATE) before it counts the queue, so that
-- concurrent submissions, on any instance, cannot together go past lrtune.queue.max-queued.
CREATE TABLE job_submission_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO job_submission_lock (id) VALUES (1);
