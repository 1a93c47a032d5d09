-- A transaction revision is stored in the row of the log message that signed it, instead of in a
-- tx_revision row of its own: one row, one statement and two foreign key checks fewer per signed log,
-- which measured about a fifth of the CPU of a signed log over HTTP (docs/performance.md). The
-- revision columns are not signed and not exported; they are NULL for system logs and for transaction
-- logs written without the transaction API (opentss bench fill). The UPDATE below is the one time log
-- rows are written after their insert: it fills only the new columns, and no log message, counter or
-- time changes (DESIGN.md invariant 3); from here on the columns are written with the log.
-- A revision is identified by its transaction's number and its revision number: revision 1 is the
-- Start log, every later revision signs exactly one Update or Finish log.
ALTER TABLE log_message ADD COLUMN revision INTEGER CHECK (revision >= 1);
ALTER TABLE log_message ADD COLUMN tx_state TEXT;
ALTER TABLE log_message ADD COLUMN client_id TEXT;
ALTER TABLE log_message ADD COLUMN schema_echo TEXT;
ALTER TABLE log_message ADD COLUMN request_fingerprint TEXT;
ALTER TABLE log_message ADD COLUMN process_type TEXT;
ALTER TABLE log_message ADD COLUMN process_data BYTEA;
ALTER TABLE log_message ADD COLUMN signature BYTEA;

UPDATE log_message SET revision = r.revision, tx_state = r.state, client_id = r.client_id,
    schema_echo = r.schema_echo, request_fingerprint = r.request_fingerprint, process_type = r.process_type,
    process_data = r.process_data, signature = r.signature
FROM tx_revision r
WHERE r.tss_id = log_message.tss_id AND r.signature_counter = log_message.signature_counter;

CREATE UNIQUE INDEX log_message_revision ON log_message (tss_id, transaction_number, revision)
    WHERE revision IS NOT NULL;

DROP TABLE tx_revision;
