-- A message may wait for the end of the quiet hours: the delivery activity does not send it before.
ALTER TABLE outbox ADD COLUMN not_before timestamptz;
