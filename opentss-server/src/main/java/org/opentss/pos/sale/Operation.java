package org.opentss.pos.sale;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.journal.SignatureAlgorithm;
import org.opentss.pos.PosTimes;
import org.opentss.pos.register.Register;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation of a register (pos-api.md §15.1) as stored in table {@code pos_operation}: the fields the
 * server queries and decides on are columns, the rest of the envelope is kept as the API shows it. The
 * methods are the transitions of §15.2. Every fiscal value is copied from the TSS transaction that the
 * step signed (§15.5, "Where each value comes from"), never rebuilt.
 */
final class Operation {

    /** The business lifecycle (§15.2). */
    enum State {
        OPEN, COMPLETED, CANCELLED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** The result of the most recent TSE step (§15.2). */
    enum FiscalState {
        PENDING, SUCCEEDED, FAILED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static FiscalState of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    static final String SALE = "sale";
    /** A request that reaches OpenTSS later than this after its device time makes the operation late (§15.5). */
    private static final long LATE_AFTER_MILLIS = 60_000;

    private final String id;
    private final String organizationId;
    private final Environment env;
    private final String registerId;
    private final long sequenceNumber;
    private final String type;
    private State state;
    private FiscalState fiscalState;
    private final Optional<String> clientOperationId;
    private final String fiscalUnitId;
    private final String tssId;
    private final String tssTxId;
    private long resourceVersion;
    private final String startPayload;
    private Optional<String> endPayload;
    /** The envelope without the fields kept in columns, in the order of §15.1. */
    private final ObjectNode envelope;
    private final long createdAt;
    private long updatedAt;

    /** An operation as stored. */
    Operation(String id, String organizationId, Environment env, String registerId, long sequenceNumber, String type,
            State state, FiscalState fiscalState, Optional<String> clientOperationId, String fiscalUnitId, String tssId,
            String tssTxId, long resourceVersion, String startPayload, Optional<String> endPayload, ObjectNode envelope,
            long createdAt, long updatedAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.env = env;
        this.registerId = registerId;
        this.sequenceNumber = sequenceNumber;
        this.type = type;
        this.state = state;
        this.fiscalState = fiscalState;
        this.clientOperationId = clientOperationId;
        this.fiscalUnitId = fiscalUnitId;
        this.tssId = tssId;
        this.tssTxId = tssTxId;
        this.resourceVersion = resourceVersion;
        this.startPayload = startPayload;
        this.endPayload = endPayload;
        this.envelope = envelope;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * A sale as its start request defines it, at version 1, before its start is signed: {@code fiscal}
     * names the TSE and client the start will be signed with and has no events yet.
     *
     * @param organizationPosId the {@code org_} id of the register's organization
     * @param tseSerial the serial number of the fiscal unit's TSS
     * @param startPayload the canonical JSON of the start request
     */
    static Operation newSale(String id, Register register, String organizationPosId, String fiscalUnitId, String tssId,
            String tseSerial, String tssTxId, long sequenceNumber, SaleRequests.Start start, String startPayload,
            long receivedAt) {
        long occurredAt = start.occurredAt().map(Instant::toEpochMilli).orElse(receivedAt);
        ObjectNode envelope = Json.object();
        envelope.put("location_id", register.locationId());
        envelope.put("organization_id", organizationPosId);
        envelope.put("external_id", start.externalId().orElse(null));
        envelope.set("cashier", start.cashier().orElse(null));
        ObjectNode fiscal = envelope.putObject("fiscal");
        fiscal.put("regime", "tse");
        fiscal.put("document_type", "Kassenbeleg");
        fiscal.put("transmission_status", "not_required");
        fiscal.put("fiscal_unit_id", fiscalUnitId);
        fiscal.putNull("document_number");
        fiscal.put("tse_serial", tseSerial);
        fiscal.put("client_id", register.serialNumber());
        fiscal.put("signature_algorithm", SignatureAlgorithm.ECDSA_PLAIN_SHA256.apiName());
        fiscal.put("time_format", "unixTime");
        fiscal.put("late", receivedAt - occurredAt > LATE_AFTER_MILLIS);
        fiscal.putNull("start_event");
        fiscal.putNull("end_event");
        fiscal.putNull("verification");
        envelope.putObject("references").putNull("original_operation_id").putNull("reason");
        envelope.putNull("cancellation_reason");
        envelope.set("metadata", Metadata.toNode(start.metadata()));
        envelope.put("occurred_at", PosTimes.millis(occurredAt));
        envelope.put("received_at", PosTimes.millis(receivedAt));
        for (String unset : List.of("started_at", "end_occurred_at", "end_received_at", "completed_at", "cancelled_at")) {
            envelope.putNull(unset);
        }
        envelope.set("data", start.content().render(start.content().totals()));
        return new Operation(id, register.organizationId(), register.env(), register.id(), sequenceNumber, SALE,
                State.OPEN, FiscalState.PENDING, start.clientOperationId(), fiscalUnitId, tssId, tssTxId, 1,
                startPayload, Optional.empty(), envelope, receivedAt, receivedAt);
    }

    /** The operation as the API shows it (§15.1), fields in the documented order. */
    ObjectNode render() {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("object", "operation");
        node.put("type", type);
        node.put("state", state.wire());
        node.put("register_id", registerId);
        copy(node, "location_id", "organization_id", "external_id");
        node.put("client_operation_id", clientOperationId.orElse(null));
        node.put("sequence_number", sequenceNumber);
        copy(node, "cashier", "fiscal");
        node.put("fiscal_state", fiscalState.wire());
        copy(node, "references", "cancellation_reason", "metadata", "occurred_at", "received_at", "started_at",
                "end_occurred_at", "end_received_at", "completed_at", "cancelled_at");
        node.put("created_at", PosTimes.millis(createdAt));
        node.put("updated_at", PosTimes.millis(updatedAt));
        node.put("resource_version", resourceVersion);
        copy(node, "data");
        return node;
    }

    private void copy(ObjectNode target, String... names) {
        for (String name : names) {
            target.set(name, envelope.get(name).deepCopy());
        }
    }

    /** Records the signed StartTransaction of the TSS transaction {@code tx} (revision 1). */
    void recordStart(ObjectNode tx, long now) {
        ObjectNode fiscal = fiscal();
        fiscal.put("tse_serial", tx.get("tss_serial_number").asString());
        fiscal.put("client_id", tx.get("client_serial_number").asString());
        fiscal.put("signature_algorithm", tx.at("/signature/algorithm").asString());
        fiscal.put("time_format", tx.at("/log/timestamp_format").asString());
        long signedAt = tx.get("time_start").asLong();
        fiscal.set("start_event", event(tx, signedAt));
        envelope.put("started_at", PosTimes.tse(signedAt));
        fiscalState = FiscalState.SUCCEEDED;
        updatedAt = now;
    }

    /** The start's TSE step failed: nothing was signed. */
    void recordFailedStep() {
        fiscalState = FiscalState.FAILED;
    }

    /** This request changed the operation (§6); its changes are already applied. */
    void nextVersion(long now) {
        resourceVersion++;
        updatedAt = now;
    }

    /**
     * Applies a {@code PATCH}. A request that leaves everything as it was changes nothing, not even the
     * version.
     */
    void update(SaleRequests.Update update, long now) {
        ObjectNode before = envelope.deepCopy();
        envelope.put("external_id", update.externalId().orElse(null));
        envelope.set("cashier", update.cashier().orElse(null));
        envelope.set("metadata", Metadata.toNode(update.metadata()));
        envelope.set("data", update.content().render(update.content().totals()));
        if (!envelope.equals(before)) {
            nextVersion(now);
        }
    }

    /**
     * Closes the sale as {@code completed} with its FinishTransaction ({@code tx}, final revision).
     *
     * @param endPayload the canonical JSON of the completing request
     */
    void complete(ObjectNode tx, ZoneId locationZone, List<SalePayment> payments, String endPayload,
            long endOccurredAt, long endReceivedAt, long now) {
        recordEnd(tx, locationZone);
        ArrayNode shown = ((ObjectNode) envelope.get("data")).putArray("payments");
        payments.forEach(payment -> shown.add(payment.render()));
        envelope.put("completed_at", PosTimes.tse(tx.get("time_end").asLong()));
        close(State.COMPLETED, endPayload, endOccurredAt, endReceivedAt, now);
    }

    /**
     * Closes the sale as {@code cancelled}: with its signed FinishTransaction if its start was signed,
     * otherwise without any TSE step, at the server time.
     */
    void cancel(Optional<ObjectNode> tx, ZoneId locationZone, String reason, String endPayload, long endOccurredAt,
            long endReceivedAt, long now) {
        tx.ifPresent(finish -> recordEnd(finish, locationZone));
        envelope.put("cancellation_reason", reason);
        envelope.put("cancelled_at", tx.map(finish -> PosTimes.tse(finish.get("time_end").asLong()))
                .orElse(PosTimes.millis(endReceivedAt)));
        close(State.CANCELLED, endPayload, endOccurredAt, endReceivedAt, now);
    }

    /**
     * Closes a sale whose fiscal unit was retired in state {@code error} (§13.5): its TSE transaction can
     * no longer be finished, so nothing is signed and the failure stays visible.
     */
    void closeUnsignable(String reason, long now) {
        envelope.put("cancellation_reason", reason);
        envelope.put("cancelled_at", PosTimes.millis(now));
        state = State.CANCELLED;
        fiscalState = FiscalState.FAILED;
        nextVersion(now);
    }

    private void recordEnd(ObjectNode tx, ZoneId locationZone) {
        ObjectNode fiscal = fiscal();
        long signedAt = tx.get("time_end").asLong();
        long transactionNumber = tx.get("number").asLong();
        fiscal.put("document_number", DocumentNumber.of(transactionNumber, signedAt, locationZone));
        ObjectNode end = event(tx, signedAt);
        JsonNode raw = tx.at("/schema/raw");
        end.put("process_type", raw.get("process_type").asString());
        end.put("process_data", new String(Base64.getDecoder().decode(raw.get("process_data").asString()),
                StandardCharsets.UTF_8));
        fiscal.set("end_event", end);
        fiscal.putObject("verification").put("qr_data", tx.get("qr_code_data").asString());
    }

    private void close(State closed, String payload, long endOccurredAt, long endReceivedAt, long now) {
        envelope.put("end_occurred_at", PosTimes.millis(endOccurredAt));
        envelope.put("end_received_at", PosTimes.millis(endReceivedAt));
        if (endReceivedAt - endOccurredAt > LATE_AFTER_MILLIS) {
            fiscal().put("late", true);
        }
        state = closed;
        fiscalState = FiscalState.SUCCEEDED;
        endPayload = Optional.of(payload);
        nextVersion(now);
    }

    /** One signed log message of the transaction: the latest revision's signature. */
    private static ObjectNode event(ObjectNode tx, long signedAt) {
        ObjectNode event = Json.object();
        event.put("signed_at", PosTimes.tse(signedAt));
        event.put("transaction_counter", tx.get("number").asLong());
        event.put("signature_counter", tx.at("/signature/counter").asLong());
        event.put("signature", tx.at("/signature/value").asString());
        return event;
    }

    private ObjectNode fiscal() {
        return (ObjectNode) envelope.get("fiscal");
    }

    boolean isStartSigned() {
        return fiscal().get("start_event").isObject();
    }

    /** The cart as accepted so far. */
    SaleContent content() {
        return SaleContent.read(envelope.get("data"));
    }

    Optional<String> externalId() {
        return StoredJson.optionalText(envelope, "external_id");
    }

    Optional<ObjectNode> cashier() {
        JsonNode cashier = envelope.get("cashier");
        return cashier.isObject() ? Optional.of((ObjectNode) cashier.deepCopy()) : Optional.empty();
    }

    Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        envelope.get("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asString()));
        return metadata;
    }

    String id() {
        return id;
    }

    String organizationId() {
        return organizationId;
    }

    Environment env() {
        return env;
    }

    String registerId() {
        return registerId;
    }

    long sequenceNumber() {
        return sequenceNumber;
    }

    String type() {
        return type;
    }

    State state() {
        return state;
    }

    FiscalState fiscalState() {
        return fiscalState;
    }

    Optional<String> clientOperationId() {
        return clientOperationId;
    }

    String fiscalUnitId() {
        return fiscalUnitId;
    }

    String tssId() {
        return tssId;
    }

    String tssTxId() {
        return tssTxId;
    }

    long resourceVersion() {
        return resourceVersion;
    }

    String startPayload() {
        return startPayload;
    }

    Optional<String> endPayload() {
        return endPayload;
    }

    /** The stored part of the envelope, for the repository. */
    ObjectNode envelope() {
        return envelope;
    }

    long createdAt() {
        return createdAt;
    }

    long updatedAt() {
        return updatedAt;
    }
}
