package org.opentss.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.store.Database;

/** Stores export jobs; the state changes of a job are guarded by its expected current state. */
public final class ExportRepository {

    private static final String COLUMNS = "e.id, e.tss_id, e.state, e.parameters, e.exception, e.high_water_mark, "
            + "e.log_count, e.file_size, e.file_sha256, e.time_request, e.time_start, e.time_end, e.time_expiration, "
            + "e.time_error, e.metadata";

    /** Sort keys of the export lists (§10.6); missing times sort as 0. */
    static final Set<String> ORDER_BY = Set.of("state", "time_request", "time_start", "time_end", "time_expiration",
            "time_error");

    private final Jdbi jdbi;

    public ExportRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<ExportJob> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    public Optional<ExportJob> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM tss_export e WHERE e.id = :id").bind("id", id)
                .map(ExportRepository::map).findOne();
    }

    public void insert(Handle h, ExportJob job) {
        h.createUpdate("INSERT INTO tss_export (id, tss_id, state, parameters, time_request, metadata) "
                        + "VALUES (:id, :tss, :state, :parameters, :time, :metadata)")
                .bind("id", job.id()).bind("tss", job.tssId()).bind("state", job.state().name())
                .bind("parameters", job.parameters().effective()).bind("time", job.timeRequest())
                .bind("metadata", Metadata.toJson(job.metadata()))
                .execute();
    }

    /** Open exports of a TSS, for the duplicate and limit checks of a trigger. */
    public List<ExportJob> openExports(Handle h, String tssId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM tss_export e WHERE e.tss_id = :tss "
                        + "AND e.state IN ('PENDING', 'WORKING')")
                .bind("tss", tssId).map(ExportRepository::map).list();
    }

    /**
     * Takes a job for this node until {@code leaseUntil}: a PENDING job, or a WORKING one whose lease ran
     * out (its node stopped). The first start records the high-water mark and time_start; a restart keeps
     * them, so the archive comes out the same. Either builds the archive from its first log: the count of
     * logs written so far starts at 0.
     */
    public boolean claim(String id, long now, long leaseUntil) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tss_export SET state = 'WORKING', lease_until = :lease, "
                        + "log_count = 0, time_start = COALESCE(time_start, :now), "
                        + "high_water_mark = COALESCE(high_water_mark, "
                        + "(SELECT signature_counter FROM tss WHERE tss.id = tss_export.tss_id)) WHERE id = :id "
                        + "AND (state = 'PENDING' OR (state = 'WORKING' AND lease_until < :now))")
                .bind("id", id).bind("now", now).bind("lease", leaseUntil).execute()) == 1;
    }

    /** Jobs a worker may take now: PENDING ones, and WORKING ones whose node's lease ran out. */
    public List<String> claimable(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM tss_export WHERE state = 'PENDING' "
                        + "OR (state = 'WORKING' AND lease_until < :now) ORDER BY time_request, id LIMIT :limit")
                .bind("now", now).bind("limit", limit).mapTo(String.class).list());
    }

    /**
     * Records how many log messages a WORKING job has written so far, for the HUB's progress bar, and
     * renews its lease; false if the job is no longer WORKING (cancelled, or ended by another node).
     */
    public boolean recordProgress(String id, long logsWritten, long leaseUntil) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tss_export SET lease_until = :lease, log_count = :count "
                        + "WHERE id = :id AND state = 'WORKING'")
                .bind("id", id).bind("count", logsWritten).bind("lease", leaseUntil).execute()) == 1;
    }

    /** Gives a WORKING job back, so that any node may take it over now. */
    public void releaseLease(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tss_export SET lease_until = 0 WHERE id = :id AND state = 'WORKING'")
                .bind("id", id).execute());
    }

    /** On a database only one node can use, every WORKING job is this node's own from before a restart. */
    public void releaseAllLeases() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tss_export SET lease_until = 0 WHERE state = 'WORKING'").execute());
    }

    /** Ends a WORKING job as COMPLETED; false if it was cancelled meanwhile. */
    public boolean complete(String id, long logCount, long fileSize, String sha256, long now, long expiration) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tss_export SET state = 'COMPLETED', log_count = :count, "
                        + "file_size = :size, file_sha256 = :sha, time_end = :now, time_expiration = :expiration, "
                        + "lease_until = NULL WHERE id = :id AND state = 'WORKING'")
                .bind("id", id).bind("count", logCount).bind("size", fileSize).bind("sha", sha256)
                .bind("now", now).bind("expiration", expiration).execute()) == 1;
    }

    /** Ends an open job in ERROR with an exception code; it has no archive, so no count of logs in one. */
    public boolean fail(String id, String exception, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tss_export SET state = 'ERROR', exception = :exception, "
                        + "time_error = :now, lease_until = NULL, log_count = NULL "
                        + "WHERE id = :id AND state IN ('PENDING', 'WORKING')")
                .bind("id", id).bind("exception", exception).bind("now", now).execute()) == 1;
    }

    /** Cancels an open job; like a failed one, it has no archive and no count of logs in one. */
    public boolean cancel(Handle h, String id, long now) {
        return h.createUpdate("UPDATE tss_export SET state = 'CANCELLED', time_end = :now, lease_until = NULL, "
                        + "log_count = NULL WHERE id = :id AND state IN ('PENDING', 'WORKING')")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    public void setMetadata(Handle h, String id, Map<String, String> metadata) {
        h.createUpdate("UPDATE tss_export SET metadata = :metadata WHERE id = :id")
                .bind("id", id).bind("metadata", Metadata.toJson(metadata)).execute();
    }

    /** Open jobs whose processing time ran out (§10.3). */
    public List<String> overdue(long requestedBefore) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM tss_export WHERE state IN ('PENDING', 'WORKING') "
                        + "AND time_request < :before").bind("before", requestedBefore).mapTo(String.class).list());
    }

    /** How many exports are in each state, for the {@code opentss_export_jobs} gauge. */
    public Map<ExportState, Long> countByState() {
        Map<ExportState, Long> counts = new EnumMap<>(ExportState.class);
        for (ExportState state : ExportState.values()) {
            counts.put(state, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM tss_export GROUP BY state")
                .map((rs, ctx) -> Map.entry(ExportState.valueOf(rs.getString("state")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    public List<ExportJob> list(String organizationId, Environment env, Optional<String> tssId,
            Set<ExportState> states, String orderBy, boolean descending, int limit, long offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tss_export e JOIN tss t ON t.id = e.tss_id "
                + "WHERE t.organization_id = :org AND t.env = :env");
        tssId.ifPresent(id -> sql.append(" AND e.tss_id = :tss"));
        if (!states.isEmpty()) {
            sql.append(" AND e.state IN (").append(states.stream().map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", "))).append(")");
        }
        String sortKey = orderBy.equals("state") ? "e.state" : "COALESCE(e." + orderBy + ", 0)";
        sql.append(" ORDER BY ").append(sortKey).append(descending ? " DESC" : " ASC")
                .append(", e.id ASC LIMIT :limit OFFSET :offset");
        return jdbi.withHandle(h -> h.createQuery(sql.toString())
                .bind("org", organizationId).bind("env", env.name()).bind("tss", tssId.orElse(""))
                .bind("limit", limit).bind("offset", offset)
                .map(ExportRepository::map).list());
    }

    static ExportJob map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ExportJob(rs.getString("id"), rs.getString("tss_id"), ExportState.valueOf(rs.getString("state")),
                ExportParameters.ofEffective(rs.getString("parameters")),
                Optional.ofNullable(rs.getString("exception")),
                optional(rs, "high_water_mark"), optional(rs, "log_count"), optional(rs, "file_size"),
                Optional.ofNullable(rs.getString("file_sha256")),
                rs.getLong("time_request"), optional(rs, "time_start"), optional(rs, "time_end"),
                optional(rs, "time_expiration"), optional(rs, "time_error"),
                Metadata.fromJson(rs.getString("metadata")));
    }

    private static OptionalLong optional(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
