package org.opentss.pos;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.identity.Environment;
import org.opentss.store.Database;
import org.opentss.tx.JsonCanonicalizer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code Idempotency-Key} header of {@code POST} requests (pos-api.md §5.1, §5.2): the first request
 * with a key takes a record; its 2xx answer is stored and replayed for every repeat with the same
 * payload; a different payload is a conflict; errors are not stored, except that a {@code 502} of a
 * step that created an operation is remembered so that the retry resumes that operation.
 */
public final class Idempotency {

    private static final long RETENTION_MILLIS = 24 * 3600 * 1000L;
    /** An in-progress record older than this was left by a request that died with its node. */
    private static final long ABANDONED_AFTER_MILLIS = 60_000;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Fields that hold secrets: stored and replayed as null (§4.5). */
    private static final String[] SECRET_FIELDS = {"api_key", "register_api_key"};

    /** How often a node deletes the records that have passed their retention. */
    private static final long PURGE_INTERVAL_MILLIS = 60_000;

    private final Database database;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    public Idempotency(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The scope of a key (§5.1): environment, organization owning the path's resource, method and path. */
    public record Scope(Environment env, String organizationId, String endpoint) {

        Map<String, Object> binding() {
            return Map.of("envName", env.name(), "organizationId", organizationId, "endpoint", endpoint);
        }
    }

    private record Taken(Optional<PosResponse> replay, Optional<String> resumeOperation) {
    }

    /**
     * Runs {@code work} under the request's Idempotency-Key, if it has one.
     *
     * @param payload the request body ({@code {}} when absent)
     * @param work does the request; gets the operation a failed earlier attempt created, if any
     */
    public PosResponse run(ServerRequest req, Scope scope, ObjectNode payload,
            Function<Optional<String>, PosResponse> work) {
        Optional<String> header = req.headers().first(HeaderNames.create("Idempotency-Key"));
        if (header.isEmpty() || req.prologue().method() != Method.POST) {
            return work.apply(Optional.empty());
        }
        String key = header.get();
        if (!KEY.matcher(key).matches()) {
            throw PosError.invalidRequest("Idempotency-Key",
                    "Idempotency-Key must have 1 to 255 visible ASCII characters.");
        }
        // only a digest of the payload is kept: a body may hold a secret (the setup token of a bootstrap)
        String digest = sha256(JsonCanonicalizer.canonicalize(payload));
        purgeExpired();
        Taken taken = database.inTransaction(h -> take(h, scope, key, digest));
        if (taken.replay().isPresent()) {
            return taken.replay().get();
        }
        PosResponse response;
        try {
            response = work.apply(taken.resumeOperation());
        } catch (RuntimeException e) {
            // an operation that a failed attempt created stays resumable, even when a retry fails with a 4xx
            // (e.g. 409 fiscal_unit_not_active until the unit is recovered): never a second operation
            Optional<String> created = e instanceof PosError error && error.status() >= 500 ? error.operationId()
                    : Optional.empty();
            Optional<String> resumable = created.or(taken::resumeOperation);
            database.inTransaction(h -> resumable.isPresent()
                    ? h.createUpdate("UPDATE idempotency_record SET state = 'failed', operation_id = :op "
                            + where()).bind("op", resumable.get()).bindMap(scope.binding()).bind("key", key).execute()
                    : h.createUpdate("DELETE FROM idempotency_record " + where()).bindMap(scope.binding())
                            .bind("key", key).execute());
            throw e;
        }
        ObjectNode stored = response.body().deepCopy();
        for (String field : SECRET_FIELDS) {
            if (stored.has(field)) {
                stored.putNull(field);
            }
        }
        database.inTransaction(h -> h.createUpdate("UPDATE idempotency_record SET state = 'done', status = :status, "
                        + "response = :response, etag = :etag " + where())
                .bind("status", response.status()).bind("response", Json.writeString(stored))
                .bind("etag", response.etag().isPresent() ? Long.toString(response.etag().getAsLong()) : null)
                .bindMap(scope.binding()).bind("key", key).execute());
        return response;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Records older than 24 hours count as absent (§5.1); they are deleted about once a minute per node. */
    private void purgeExpired() {
        long now = clock.millis();
        long last = lastPurge.get();
        if (now - last >= PURGE_INTERVAL_MILLIS && lastPurge.compareAndSet(last, now)) {
            database.inTransaction(h -> h.createUpdate("DELETE FROM idempotency_record WHERE created_at <= :expired")
                    .bind("expired", now - RETENTION_MILLIS).execute());
        }
    }

    /** @param digest the SHA-256 of the request's canonical payload */
    private Taken take(Handle h, Scope scope, String key, String digest) {
        long now = clock.millis();
        record Row(String payload, String state, int status, String response, String etag, String operation,
                long createdAt, long takenAt) {
        }
        Optional<Row> row = h.createQuery("SELECT payload, state, status, response, etag, operation_id, created_at, "
                        + "taken_at FROM idempotency_record " + where())
                .bindMap(scope.binding()).bind("key", key)
                .map((rs, ctx) -> new Row(rs.getString("payload"), rs.getString("state"),
                        rs.getInt("status"), rs.getString("response"), rs.getString("etag"),
                        rs.getString("operation_id"), rs.getLong("created_at"), rs.getLong("taken_at")))
                .findOne();
        if (row.isEmpty() || now - row.get().createdAt() >= RETENTION_MILLIS) {
            // new, or remembered longer than 24 hours: treated as new (§5.1). Only the expired row goes: a
            // row that a concurrent first request inserted since our read must stay (PostgreSQL).
            h.createUpdate("DELETE FROM idempotency_record " + where() + " AND created_at <= :expired")
                    .bindMap(scope.binding()).bind("key", key).bind("expired", now - RETENTION_MILLIS).execute();
            int taken = h.createUpdate("INSERT INTO idempotency_record (env, organization_id, endpoint, "
                            + "idempotency_key, payload, state, created_at, taken_at) VALUES (:envName, :organizationId, "
                            + ":endpoint, :key, :payload, 'in_progress', :now, :now) ON CONFLICT DO NOTHING")
                    .bindMap(scope.binding()).bind("key", key).bind("payload", digest)
                    .bind("now", now).execute();
            if (taken == 0) {
                // a concurrent first request with this key took it after our read (PostgreSQL)
                throw keyInUse();
            }
            return new Taken(Optional.empty(), Optional.empty());
        }
        Row stored = row.get();
        if (!stored.payload().equals(digest)) {
            throw PosError.conflict("idempotency_key_conflict", "This Idempotency-Key was used on this endpoint with "
                    + "a different payload. Use a new key for a new action.", "Idempotency-Key");
        }
        switch (stored.state()) {
            case "done" -> {
                ObjectNode body = Json.parseStoredObject(stored.response());
                OptionalLong etag = stored.etag() == null ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(stored.etag()));
                return new Taken(Optional.of(new PosResponse(stored.status(), body, etag, true)), Optional.empty());
            }
            case "in_progress" -> {
                if (now - stored.takenAt() < ABANDONED_AFTER_MILLIS) {
                    throw keyInUse();
                }
            }
            default -> {
                // failed: this retry resumes the operation the failed attempt created (§5.2)
            }
        }
        h.createUpdate("UPDATE idempotency_record SET state = 'in_progress', taken_at = :now " + where())
                .bindMap(scope.binding()).bind("key", key).bind("now", now).execute();
        return new Taken(Optional.empty(), Optional.ofNullable(stored.operation()));
    }

    private static PosError keyInUse() {
        return PosError.retryLater(409, "idempotency_key_in_use", "A request with this Idempotency-Key is still "
                + "being processed. Retry with the same key.", 1);
    }

    private static String where() {
        return "WHERE env = :envName AND organization_id = :organizationId AND endpoint = :endpoint "
                + "AND idempotency_key = :key";
    }
}
