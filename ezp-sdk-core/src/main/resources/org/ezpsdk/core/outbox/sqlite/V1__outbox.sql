-- Outbox letters, their history, event feed cursors and ШПИ ranges (SQLite).
-- Times are milliseconds since the epoch, UTC.
CREATE TABLE outbox_letter (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE,
  barcode TEXT UNIQUE,
  letter_json TEXT NOT NULL,
  attachment_path TEXT NOT NULL,
  attachment_sha256 TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until BIGINT,
  not_before BIGINT,
  letter_id TEXT,
  service_status TEXT,
  final_status INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX outbox_letter_state ON outbox_letter (state, id);
CREATE INDEX outbox_letter_letter_id ON outbox_letter (letter_id);
CREATE TABLE outbox_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  letter_ref BIGINT NOT NULL REFERENCES outbox_letter (id),
  at BIGINT NOT NULL,
  state TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX outbox_history_letter ON outbox_history (letter_ref, id);
CREATE TABLE outbox_cursor (
  feed TEXT PRIMARY KEY,
  cursor TEXT,
  updated_at BIGINT NOT NULL
);
CREATE TABLE shpi_range (
  id TEXT PRIMARY KEY,
  prefix TEXT NOT NULL,
  first_serial INTEGER NOT NULL,
  last_serial INTEGER NOT NULL,
  next_serial INTEGER NOT NULL,
  source TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE shpi_used (
  barcode TEXT PRIMARY KEY,
  range_id TEXT NOT NULL REFERENCES shpi_range (id),
  letter_ref BIGINT,
  allocated_at BIGINT NOT NULL
);
