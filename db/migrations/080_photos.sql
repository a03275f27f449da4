-- Photos attached to reports and results. Metadata always lives here; the bytes live in
-- photo_blobs (the default store) or in a configured directory (MEDIA_DIR). A photo's id is
-- derived from its processed content and its visibility, so its bytes never change.
CREATE TABLE photos (
  id              text PRIMARY KEY,
  private         boolean NOT NULL,
  content_type    text NOT NULL,
  width           integer NOT NULL,
  height          integer NOT NULL,
  bytes           integer NOT NULL,
  thumb_bytes     integer NOT NULL,
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  -- staff id when staff uploaded it; NULL for a citizen
  uploaded_by     text
);

CREATE TABLE photo_blobs (
  key    text PRIMARY KEY,
  data   bytea NOT NULL
);

-- Which reports a photo belongs to: decides which staff may see a private photo.
CREATE TABLE photo_links (
  photo_id   text NOT NULL REFERENCES photos (id),
  report_id  uuid NOT NULL REFERENCES reports (id),
  PRIMARY KEY (photo_id, report_id)
);
CREATE INDEX photo_links_report ON photo_links (report_id);
