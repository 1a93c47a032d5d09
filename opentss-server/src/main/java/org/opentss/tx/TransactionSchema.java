package org.opentss.tx;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.ApiError;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code schema} of a transaction upsert (sign-de-v2.md §8.3–§8.6): validated, with the processType
 * and processData it is signed as, the {@code schema} the response shows, and the normalized form that
 * decides whether a repeated request is identical (§8.2 rule 9). Immutable.
 */
public final class TransactionSchema {

    private static final Set<String> SCHEMA_MEMBERS = Set.of("standard_v1", "raw", "dsfinvtw_v1");
    private static final Set<String> STANDARD_V1_MEMBERS = Set.of("receipt", "order", "other");

    private static final TransactionSchema NONE =
            new TransactionSchema(SchemaKind.NONE, "", new byte[0], Json.object(), Json.object());

    /**
     * §8.5: DSFinV-K's value for closing a transaction without turnover, which is exactly a
     * {@code CANCELLATION} receipt without amounts: {@code AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^}.
     */
    private static final TransactionSchema CANCELLED_WITHOUT_SCHEMA = defaultForCancel();

    private final SchemaKind kind;
    private final String processType;
    private final byte[] processData;
    private final ObjectNode echo;
    /** The echo as the log's row stores it: written here, on the request's thread, not in the group commit. */
    private final String echoJson;
    private final ObjectNode normalized;
    private final String equivalenceKey;

    private TransactionSchema(SchemaKind kind, String processType, byte[] processData, ObjectNode echo,
            ObjectNode normalized) {
        this.kind = kind;
        this.processType = processType;
        this.processData = processData;
        this.echo = echo;
        this.echoJson = Json.writeString(echo);
        this.normalized = normalized;
        this.equivalenceKey = JsonCanonicalizer.canonicalize(normalized);
    }

    /**
     * Reads and validates the {@code schema} member of a request body; an absent member gives kind
     * {@link SchemaKind#NONE}. Every violation is a 400 E_FAILED_SCHEMA_VALIDATION naming the first one.
     */
    public static TransactionSchema parse(JsonInput body) {
        if (!body.has("schema")) {
            return NONE;
        }
        JsonInput schema = body.requiredObject("schema");
        return switch (schema.soleMember(SCHEMA_MEMBERS)) {
            case "standard_v1" -> standardV1(schema.requiredObject("standard_v1"));
            case "raw" -> raw(RawProcess.parse(schema.requiredObject("raw")));
            default -> throw ApiError.schema("schema.dsfinvtw_v1 is not supported");
        };
    }

    /**
     * What a {@code CANCELLED} revision without schema signs and shows (§8.5). Its kind is
     * {@link SchemaKind#NONE} because the request carried no data, which is also why it is exempt from
     * the type rule (§8.2 rule 7); its normalized form is that of an absent schema.
     */
    public static TransactionSchema cancelledWithoutSchema() {
        return CANCELLED_WITHOUT_SCHEMA;
    }

    private static TransactionSchema standardV1(JsonInput standard) {
        String member = standard.soleMember(STANDARD_V1_MEMBERS);
        JsonInput content = standard.requiredObject(member);
        return switch (member) {
            case "receipt" -> {
                Receipt receipt = Receipt.parse(content);
                yield standardV1(SchemaKind.RECEIPT, member, receipt.toJson(),
                        KassenbelegV1.PROCESS_TYPE, KassenbelegV1.processData(receipt));
            }
            case "order" -> {
                Order order = Order.parse(content);
                yield standardV1(SchemaKind.ORDER, member, order.toJson(),
                        BestellungV1.PROCESS_TYPE, BestellungV1.processData(order));
            }
            default -> {
                ObjectNode other = SonstigerVorgang.parse(content);
                yield standardV1(SchemaKind.OTHER, member, other.deepCopy(),
                        SonstigerVorgang.PROCESS_TYPE, SonstigerVorgang.processData(other));
            }
        };
    }

    /** Echo: the normalized input plus {@code raw} with what is actually signed (§8.6). */
    private static TransactionSchema standardV1(SchemaKind kind, String member, ObjectNode normalizedContent,
            String processType, String processData) {
        byte[] bytes = processData.getBytes(UTF_8);
        ObjectNode normalized = Json.object();
        normalized.putObject("standard_v1").set(member, normalizedContent);
        ObjectNode echo = normalized.deepCopy();
        echo.set("raw", RawProcess.toJson(processType, Base64.getEncoder().encodeToString(bytes)));
        return new TransactionSchema(kind, processType, bytes, echo, normalized);
    }

    /** Echo: the input as sent (unknown members aside); an all-empty raw shows {@code {}} like no schema. */
    private static TransactionSchema raw(RawProcess raw) {
        ObjectNode normalized = Json.object();
        normalized.set("raw", raw.toJson());
        if (raw.isEmpty()) {
            return new TransactionSchema(SchemaKind.NONE, "", new byte[0], Json.object(), normalized);
        }
        return new TransactionSchema(SchemaKind.RAW, raw.processType(), raw.decodedData(), normalized.deepCopy(),
                normalized);
    }

    private static TransactionSchema defaultForCancel() {
        byte[] bytes = KassenbelegV1.processData(new Receipt(ReceiptType.CANCELLATION, List.of(), Optional.empty()))
                .getBytes(UTF_8);
        ObjectNode echo = Json.object();
        echo.set("raw", RawProcess.toJson(KassenbelegV1.PROCESS_TYPE, Base64.getEncoder().encodeToString(bytes)));
        return new TransactionSchema(SchemaKind.NONE, KassenbelegV1.PROCESS_TYPE, bytes, echo, Json.object());
    }

    public SchemaKind kind() {
        return kind;
    }

    /** The processType to sign; {@code ""} when there is none. */
    public String processType() {
        return processType;
    }

    /** The processData to sign (a copy). */
    public byte[] processData() {
        return processData.clone();
    }

    /** The response's {@code schema} member (§8.6), a fresh copy. */
    public ObjectNode echo() {
        return echo.deepCopy();
    }

    /** {@link #echo()} as JSON text. */
    public String echoJson() {
        return echoJson;
    }

    /**
     * The request's schema after normalization (§8.2 rule 9): unknown members removed, {@code currency_code}
     * defaults added; {@code {}} when absent. A fresh copy.
     */
    public ObjectNode normalized() {
        return normalized.deepCopy();
    }

    /**
     * The canonical JSON text (RFC 8785) of {@link #normalized()}: two requests have equivalent schemas
     * exactly when their keys are equal, whatever the member order or whitespace. Suitable for storage.
     */
    public String equivalenceKey() {
        return equivalenceKey;
    }
}
