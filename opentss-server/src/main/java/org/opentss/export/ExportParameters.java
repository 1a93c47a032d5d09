package org.opentss.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import org.opentss.http.QueryInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The selection of an export (sign-de-v2.md §10.1, tse-formats.md §9): at most one kind of filter, with
 * {@code client_id} overriding all others. Numbers are parsed, so {@code 007} and {@code 7} are the same
 * effective parameters.
 */
public record ExportParameters(
        Optional<String> clientId,
        OptionalLong transactionNumber,
        OptionalLong startTransactionNumber,
        OptionalLong endTransactionNumber,
        OptionalLong startDate,
        OptionalLong endDate,
        OptionalLong startSignatureCounter,
        OptionalLong endSignatureCounter,
        long maximumNumberRecords) {

    public static final long MAX_RECORDS = 1_000_000;

    /** Reads and checks the query parameters of a trigger; conflicts are 400 E_PARAMETER_MISMATCH. */
    public static ExportParameters parse(QueryInput query) {
        Optional<String> clientId = query.scalar("client_id").map(v -> JsonInput.uuid(v, "querystring/client_id"));
        ExportParameters p = new ExportParameters(clientId,
                number(query, "transaction_number"),
                number(query, "start_transaction_number"), number(query, "end_transaction_number"),
                number(query, "start_date"), number(query, "end_date"),
                number(query, "start_signature_counter"), number(query, "end_signature_counter"),
                number(query, "maximum_number_records").orElse(MAX_RECORDS));
        if (p.maximumNumberRecords() < 1 || p.maximumNumberRecords() > MAX_RECORDS) {
            throw mismatch("maximum_number_records must be between 1 and " + MAX_RECORDS);
        }
        if (clientId.isEmpty()) {
            p.checkConflicts();
        }
        return p;
    }

    private void checkConflicts() {
        List<String> kinds = new ArrayList<>();
        if (startTransactionNumber.isPresent() || endTransactionNumber.isPresent()) {
            kinds.add(startTransactionNumber.isPresent() ? "start_transaction_number" : "end_transaction_number");
        }
        if (startDate.isPresent() || endDate.isPresent()) {
            kinds.add(startDate.isPresent() ? "start_date" : "end_date");
        }
        if (startSignatureCounter.isPresent() || endSignatureCounter.isPresent()) {
            kinds.add(startSignatureCounter.isPresent() ? "start_signature_counter" : "end_signature_counter");
        }
        if (transactionNumber.isPresent() && !kinds.isEmpty()) {
            throw mismatch("transaction_number cannot be combined with " + kinds.getFirst());
        }
        if (kinds.size() > 1) {
            throw mismatch(kinds.get(0) + " cannot be combined with " + kinds.get(1));
        }
        checkRange("transaction_number", startTransactionNumber, endTransactionNumber);
        checkRange("date", startDate, endDate);
        checkRange("signature_counter", startSignatureCounter, endSignatureCounter);
    }

    private static void checkRange(String name, OptionalLong start, OptionalLong end) {
        if (start.isPresent() && end.isPresent() && start.getAsLong() > end.getAsLong()) {
            throw mismatch("start_" + name + " must not be greater than end_" + name);
        }
    }

    private static OptionalLong number(QueryInput query, String name) {
        return query.scalar(name).isPresent()
                ? OptionalLong.of(query.integer(name, 0, 0, QueryInput.MAX_SAFE_INTEGER)) : OptionalLong.empty();
    }

    private static ApiError mismatch(String message) {
        return ApiError.of(ErrorCode.E_PARAMETER_MISMATCH, message);
    }

    /**
     * The parameters that decide the content, as stored and compared for duplicates: with
     * {@code client_id} only it and the maximum count (the others are ignored, §10.1).
     */
    public String effective() {
        ObjectNode node = Json.object();
        if (clientId.isPresent()) {
            node.put("client_id", clientId.get());
        } else {
            put(node, "transaction_number", transactionNumber);
            put(node, "start_transaction_number", startTransactionNumber);
            put(node, "end_transaction_number", endTransactionNumber);
            put(node, "start_date", startDate);
            put(node, "end_date", endDate);
            put(node, "start_signature_counter", startSignatureCounter);
            put(node, "end_signature_counter", endSignatureCounter);
        }
        node.put("maximum_number_records", maximumNumberRecords);
        return Json.writeString(node);
    }

    /**
     * The first signature counter a selection by counter reads (also the one without any filter, which
     * reads everything).
     */
    long firstCounter() {
        return startSignatureCounter.orElse(1);
    }

    /** The last signature counter a selection by counter reads: never past the high-water mark. */
    long lastCounter(long highWaterMark) {
        return Math.min(endSignatureCounter.orElse(highWaterMark), highWaterMark);
    }

    /**
     * The most log messages an export with these parameters can hold below {@code highWaterMark}: the
     * length of its counter range when it selects by counter (or not at all, since counters have no
     * gaps), else all of the TSS's logs; never more than {@code maximum_number_records}.
     */
    public long mostLogs(long highWaterMark) {
        boolean byCounter = clientId.isEmpty() && transactionNumber.isEmpty() && startTransactionNumber.isEmpty()
                && endTransactionNumber.isEmpty() && startDate.isEmpty() && endDate.isEmpty();
        long most = byCounter ? Math.max(0, lastCounter(highWaterMark) - firstCounter() + 1) : highWaterMark;
        return Math.min(most, maximumNumberRecords);
    }

    /** Reads what {@link #effective()} wrote. */
    public static ExportParameters ofEffective(String json) {
        JsonNode node = Json.MAPPER.readTree(json);
        return new ExportParameters(
                Optional.ofNullable(node.get("client_id")).map(JsonNode::asString),
                optional(node, "transaction_number"),
                optional(node, "start_transaction_number"), optional(node, "end_transaction_number"),
                optional(node, "start_date"), optional(node, "end_date"),
                optional(node, "start_signature_counter"), optional(node, "end_signature_counter"),
                node.get("maximum_number_records").asLong());
    }

    private static void put(ObjectNode node, String name, OptionalLong value) {
        value.ifPresent(v -> node.put(name, v));
    }

    private static OptionalLong optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.asLong());
    }
}
