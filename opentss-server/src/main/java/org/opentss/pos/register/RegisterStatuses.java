package org.opentss.pos.register;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.opentss.http.Json;
import org.opentss.pos.PosTimes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last accepted heartbeat of each register and the status derived from it (pos-api.md §17.2), combined
 * with OpenTSS's own list of the register's open operations.
 */
public final class RegisterStatuses {

    private static final long STALE_AFTER_MILLIS = Duration.ofHours(24).toMillis();

    private final long expectedIntervalMillis;
    private final Clock clock;

    /** A heartbeat; {@code software} is its software object as JSON text. */
    record Heartbeat(String id, long sequence, String status, long deviceTime, long receivedAt,
            Optional<Long> unsyncedOperations, Optional<String> software) {
    }

    /** What the HUB shows of a register's heartbeats: the status of §17.2 and when the last one arrived. */
    public record Summary(String status, OptionalLong lastHeartbeatAt) {
    }

    public RegisterStatuses(Duration expectedInterval, Clock clock) {
        this.expectedIntervalMillis = expectedInterval.toMillis();
        this.clock = clock;
    }

    /**
     * Stores a heartbeat unless it repeats the last accepted sequence number, which is acknowledged
     * without effect; a lower number is a restart of the device software and is accepted (§17.1).
     */
    Heartbeat accept(Handle h, String registerId, Heartbeat heartbeat) {
        Optional<Heartbeat> last = last(h, registerId);
        if (last.isPresent() && last.get().sequence() == heartbeat.sequence()) {
            return last.get();
        }
        h.createUpdate("DELETE FROM register_heartbeat WHERE register_id = :register").bind("register", registerId)
                .execute();
        h.createUpdate("INSERT INTO register_heartbeat (register_id, id, sequence, status, device_time, received_at, "
                        + "unsynced_operations, software) VALUES (:register, :id, :sequence, :status, :deviceTime, "
                        + ":receivedAt, :unsynced, :software)")
                .bind("register", registerId).bind("id", heartbeat.id()).bind("sequence", heartbeat.sequence())
                .bind("status", heartbeat.status()).bind("deviceTime", heartbeat.deviceTime())
                .bind("receivedAt", heartbeat.receivedAt()).bind("unsynced", heartbeat.unsyncedOperations().orElse(null))
                .bind("software", heartbeat.software().orElse(null)).execute();
        return heartbeat;
    }

    ObjectNode render(Handle h, Register register) {
        Optional<Heartbeat> last = last(h, register.id());
        ObjectNode node = Json.object();
        node.put("object", "register_status");
        node.put("register_id", register.id());
        node.put("status", status(last));
        node.put("last_heartbeat_at", last.map(hb -> PosTimes.millis(hb.receivedAt())).orElse(null));
        if (last.isPresent()) {
            node.put("clock_drift_seconds",
                    BigDecimal.valueOf(last.get().deviceTime() - last.get().receivedAt()).movePointLeft(3));
        } else {
            node.putNull("clock_drift_seconds");
        }
        ArrayNode open = node.putArray("open_operations");
        h.createQuery("SELECT id, type, client_operation_id, sequence_number, envelope FROM pos_operation "
                        + "WHERE register_id = :register AND state = 'open' ORDER BY sequence_number")
                .bind("register", register.id())
                .map((rs, ctx) -> {
                    ObjectNode operation = Json.object();
                    operation.put("id", rs.getString("id"));
                    operation.put("type", rs.getString("type"));
                    operation.put("client_operation_id", rs.getString("client_operation_id"));
                    operation.put("sequence_number", rs.getLong("sequence_number"));
                    operation.set("started_at", Json.parseStoredObject(rs.getString("envelope")).get("started_at"));
                    return operation;
                })
                .forEach(open::add);
        node.put("unsynced_operations", last.flatMap(Heartbeat::unsyncedOperations).orElse(null));
        node.set("software", last.flatMap(Heartbeat::software).map(Json::parseStoredObject).orElse(null));
        return node;
    }

    public Summary summary(Handle h, String registerId) {
        Optional<Heartbeat> last = last(h, registerId);
        return new Summary(status(last),
                last.isPresent() ? OptionalLong.of(last.get().receivedAt()) : OptionalLong.empty());
    }

    private String status(Optional<Heartbeat> last) {
        if (last.isEmpty()) {
            return "stale";
        }
        long age = clock.millis() - last.get().receivedAt();
        if (age <= 2 * expectedIntervalMillis) {
            return last.get().status();
        }
        return age <= STALE_AFTER_MILLIS ? "offline" : "stale";
    }

    private static Optional<Heartbeat> last(Handle h, String registerId) {
        return h.createQuery("SELECT id, sequence, status, device_time, received_at, unsynced_operations, software "
                        + "FROM register_heartbeat WHERE register_id = :register")
                .bind("register", registerId)
                .map((rs, ctx) -> {
                    long unsynced = rs.getLong("unsynced_operations");
                    Optional<Long> unsyncedOperations = rs.wasNull() ? Optional.empty() : Optional.of(unsynced);
                    return new Heartbeat(rs.getString("id"), rs.getLong("sequence"), rs.getString("status"),
                            rs.getLong("device_time"), rs.getLong("received_at"), unsyncedOperations,
                            Optional.ofNullable(rs.getString("software")));
                })
                .findOne();
    }
}
