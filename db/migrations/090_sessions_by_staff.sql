-- Deactivating a person (or changing their role or unit) ends their page sessions in the same
-- transaction: find them by staff id.
CREATE INDEX web_sessions_staff_idx ON web_sessions (staff_id);
