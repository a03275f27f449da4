-- The staff directory administered at run time: people are deactivated, not deleted (the audit
-- trail and timelines name them), and inactive people receive no notifications.
ALTER TABLE staff ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE staff ADD COLUMN updated_by text;
ALTER TABLE staff ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
