package org.opentss.journal;

/**
 * The transaction revision a transaction log signs, as the transaction API records it: stored in the
 * log's row (one row per signed log), neither signed nor exported. The revision's process type and
 * data are the log's {@link TransactionData}, its signature the log's.
 *
 * @param revision    1 for the Start log, then one more for each Update or Finish log
 * @param state       the transaction's state after the revision
 * @param clientId    the client that wrote the revision (the log holds its serial number)
 * @param schemaEcho  the revision's schema as the API shows it, JSON
 * @param fingerprint the canonical form of the request that wrote it, for idempotent retries
 */
public record LoggedRevision(int revision, String state, String clientId, String schemaEcho, String fingerprint) {
}
