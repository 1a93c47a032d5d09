package org.opentss.http;

import static org.opentss.http.BodyRule.array;
import static org.opentss.http.BodyRule.bool;
import static org.opentss.http.BodyRule.choice;
import static org.opentss.http.BodyRule.integer;
import static org.opentss.http.BodyRule.metadata;
import static org.opentss.http.BodyRule.object;
import static org.opentss.http.BodyRule.pattern;
import static org.opentss.http.BodyRule.text;
import static org.opentss.http.BodyRule.uuid;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.opentss.http.HostileRoute.Auth;
import org.opentss.http.HostileRoute.Body;

/**
 * Every route of {@code /api/v2}, {@code /api/v0} and {@code /v1} (the {@code routing} methods of the
 * {@code *Api} classes), with the body members and query parameters of sign-de-v2.md and pos-api.md.
 */
final class HostileRoutes {

    private static final long MONEY = 9_999_999_999L;
    /** Queries every SIGN DE list refuses (§1.2, §1.8), {@code states} aside. */
    private static final List<String> SIGN_DE_LIST = List.of("limit=0", "limit=101", "limit=-1", "limit=1.5",
            "limit=1e2", "limit=abc", "limit=", "limit=99999999999999999999", "limit=%EF%BC%95", "limit=10&limit=10",
            "offset=-1", "offset=x", "offset=9007199254740992", "offset=0&offset=0", "order=up", "order=ASC",
            "order=asc&order=asc", "order_by=nonsense", "order_by=%00", "show_deleted=yes", "show_deleted=1",
            "show_deleted=true&show_deleted=true");
    private static final List<String> STATES = List.of("states=BOGUS", "states[]=ACTIVE&states[]=nope",
            "states%5B0%5D=lower", "states[0]=", "states=%00");
    /** Queries every POS list refuses (pos-api.md §3.7). */
    private static final List<String> POS_LIST = List.of("limit=0", "limit=201", "limit=abc", "limit=-1",
            "limit=1.5", "limit=", "limit=5&limit=5", "cursor=garbage", "cursor=%00abc", "cursor=a&cursor=b",
            "unknown_param=1", "limit=%00");
    private static final List<String> MANAGEMENT_LIST = List.of("limit=0", "limit=101", "limit=abc", "offset=-1",
            "limit=1&limit=1", "offset=0&offset=0");

    /** An id that names nothing, for bodies and queries (path ids are drawn by {@link MalformedRequests}). */
    private static final String UNKNOWN = "0e5a2c1d-4b7f-4c3e-9a8d-6f1b2e3c4d5e";
    /** Five code points, ten UTF-16 units: too short for a PIN (§5.1). */
    private static final String UNICODE_SHORT = "\uD83E\uDD84".repeat(5);

    private HostileRoutes() {
    }

    static List<HostileRoute> all(HostileTargets targets) {
        List<HostileRoute> routes = new ArrayList<>();
        routes.addAll(signDe(targets));
        routes.addAll(management(targets));
        routes.addAll(pos(targets));
        return List.copyOf(routes);
    }

    private static List<HostileRoute> signDe(HostileTargets t) {
        String client = t.signDeIds().get("client_id").getFirst();
        String tss = "/api/v2/tss/{tss_id}";
        String clientPath = tss + "/client/{client_id}";
        String tx = tss + "/tx/{tx_id_or_number}";
        String export = tss + "/export/{export_id}";
        List<String> txRead = List.of("tx_revision=0", "tx_revision=-1", "tx_revision=abc", "tx_revision=1.0",
                "tx_revision=9007199254740992", "tx_revision=1&tx_revision=1", "tx_revision=9007199254740991");
        List<String> txWrite = List.of("", "tx_revision=0", "tx_revision=-5", "tx_revision=1e3",
                "tx_revision=9007199254740992", "tx_revision=99999999999999999999999", "tx_revision=1&tx_revision=1",
                "tx_revision=9007199254740991", "tx_revision=1000");
        List<String> exportFilters = List.of("client_id=nope", "client_id=" + UNKNOWN, "start_date=-1",
                "end_date=x", "maximum_number_records=0", "maximum_number_records=1000001",
                "transaction_number=1&start_date=0", "start_transaction_number=5&end_transaction_number=1",
                "transaction_number=999999", "client_id=" + client + "&client_id=" + client,
                "start_signature_counter=1&start_signature_counter=1", "start_date=9007199254740992");
        BodyRule metadata = metadata();
        return List.of(
                route(t, "POST", "/api/v2/auth", Auth.NONE).withBody(Body.REQUIRED, false,
                        text("api_key", t.apiKey(), 0, Integer.MAX_VALUE),
                        text("api_secret", "wrong-secret", 0, Integer.MAX_VALUE)),
                route(t, "POST", "/api/v0/auth", Auth.NONE).withBody(Body.REQUIRED, false,
                        text("refresh_token", "not.a.refresh-token", 0, Integer.MAX_VALUE)),
                bearer(t, "PUT", tss).withBody(Body.OPTIONAL, false, metadata).creating(),
                bearer(t, "GET", tss),
                bearer(t, "PATCH", tss).withBody(Body.REQUIRED, true,
                        choice("state", "INITIALIZED", "UNINITIALIZED", "INITIALIZED", "DISABLED"),
                        pattern("description", "Kasse 1", "x".repeat(101), "semi;colon", "\u00e9", "tab\t").optional(),
                        metadata.optional()),
                bearer(t, "GET", "/api/v2/tss").withQueries("", concat(SIGN_DE_LIST, STATES)),
                bearer(t, "GET", tss + "/metadata"),
                bearer(t, "PATCH", tss + "/metadata").withBody(Body.REQUIRED, false, metadataMembers()),
                // wrong PUKs and PINs are counted (§5.6): these bodies always carry a defect checked before that
                bearer(t, "PATCH", tss + "/admin").withBody(Body.REQUIRED, false,
                        pattern("admin_puk", "0000000000", "123456789", "", "\u0661".repeat(3)),
                        pattern("new_admin_pin", "654321", "12345", "x".repeat(65), "12345\u0007", "123\u007f456")),
                bearer(t, "POST", tss + "/admin/auth").withBody(Body.REQUIRED, false,
                        pattern("admin_pin", "000000", "12345", "", "x".repeat(65), "1234\n56", UNICODE_SHORT)),
                bearer(t, "POST", tss + "/admin/logout").withBody(Body.OPTIONAL, false),
                bearer(t, "PUT", clientPath).withBody(Body.REQUIRED, false,
                        pattern("serial_number", "KASSE-FUZZ", "", " lead", "trail ", "x".repeat(71), "semi;colon",
                                "\u00fcml", "tab\tchar"),
                        metadata.optional()).creating(),
                bearer(t, "PATCH", clientPath).withBody(Body.REQUIRED, false,
                        choice("state", "REGISTERED", "REGISTERED", "DEREGISTERED"), metadata.optional()),
                bearer(t, "GET", clientPath),
                bearer(t, "GET", clientPath + "/metadata"),
                bearer(t, "PATCH", clientPath + "/metadata").withBody(Body.REQUIRED, false, metadataMembers()),
                bearer(t, "GET", tss + "/client").withQueries("", SIGN_DE_LIST),
                bearer(t, "GET", "/api/v2/client").withQueries("", SIGN_DE_LIST),
                bearer(t, "PUT", tx).withBody(Body.REQUIRED, false,
                        choice("state", "ACTIVE", "ACTIVE", "FINISHED", "CANCELLED"), uuid("client_id", client),
                        object("schema", true, object("standard_v1", true, object("receipt", false,
                                choice("receipt_type", "RECEIPT", "RECEIPT", "TRAINING", "ORDER", "INVOICE"),
                                array("amounts_per_vat_rate", false,
                                        choice("vat_rate", "NORMAL", "NORMAL", "REDUCED_1", "NULL", "19", "7"),
                                        amount()),
                                array("amounts_per_payment_type", false,
                                        choice("payment_type", "CASH", "CASH", "NON_CASH"), amount(),
                                        pattern("currency_code", "EUR", "EU", "EURO", "\u20ac", "E1R").optional()).optional()))),
                        metadata.optional()).withQueries("tx_revision=1", txWrite).creating(),
                bearer(t, "GET", tx).withQueries("", txRead),
                bearer(t, "GET", tx + "/log").withQueries("", txRead),
                bearer(t, "GET", tx + "/metadata"),
                bearer(t, "PATCH", tx + "/metadata").withBody(Body.REQUIRED, false, metadataMembers()),
                bearer(t, "GET", tss + "/tx").withQueries("", concat(SIGN_DE_LIST, STATES)),
                bearer(t, "GET", clientPath + "/tx").withQueries("", concat(SIGN_DE_LIST, STATES)),
                bearer(t, "GET", "/api/v2/tx").withQueries("", concat(SIGN_DE_LIST, STATES)),
                bearer(t, "PUT", export).withBody(Body.OPTIONAL, false).withQueries("", exportFilters).creating(),
                bearer(t, "GET", export),
                bearer(t, "DELETE", export),
                bearer(t, "GET", export + "/file"),
                bearer(t, "GET", export + "/metadata"),
                bearer(t, "PATCH", export + "/metadata").withBody(Body.REQUIRED, false, metadataMembers()),
                bearer(t, "GET", tss + "/export").withQueries("", concat(SIGN_DE_LIST, STATES)),
                bearer(t, "GET", "/api/v2/export").withQueries("", concat(SIGN_DE_LIST, STATES)));
    }

    private static List<HostileRoute> management(HostileTargets t) {
        String organizations = "/api/v0/organizations";
        String organization = organizations + "/{organization_id}";
        String keys = organization + "/api-keys";
        BodyRule[] organizationMembers = {text("name", "Filiale Nord", 1, 200),
                text("address_line1", "Hauptstr. 1", 1, 200), text("zip", "10117", 1, 20), text("town", "Berlin", 1, 100),
                pattern("country_code", "DEU", "DE", "XXX", "D\u00c9U", "deuu"), text("address_line2", "", 0, 200).optional(),
                text("tax_number", "", 0, 64).optional(), metadata()};
        BodyRule[] keyMembers = {text("name", "Kasse", 1, 100), choice("status", "enabled", "enabled", "disabled").optional(),
                choice("env", "TEST", "TEST", "LIVE").optional(), metadata()};
        return List.of(
                bearer(t, "GET", organizations).withQueries("", MANAGEMENT_LIST),
                bearer(t, "POST", organizations).withBody(Body.REQUIRED, false, organizationMembers),
                bearer(t, "GET", organization),
                bearer(t, "PATCH", organization).withBody(Body.REQUIRED, false, optional(organizationMembers)),
                bearer(t, "GET", keys).withQueries("", concat(MANAGEMENT_LIST,
                        List.of("status=bogus", "status=enabled&status=enabled"))),
                bearer(t, "POST", keys).withBody(Body.REQUIRED, false, keyMembers),
                bearer(t, "GET", keys + "/{api_key_id}"),
                // a key's environment is fixed once created (§12.4): PATCH reads no env
                bearer(t, "PATCH", keys + "/{api_key_id}").withBody(Body.REQUIRED, false,
                        optional(keyMembers[0], keyMembers[1], keyMembers[3])),
                bearer(t, "DELETE", keys + "/{api_key_id}"));
    }

    private static List<HostileRoute> pos(HostileTargets t) {
        String deviceTime = t.now().toString();
        BodyRule occurredAt = pattern("occurred_at", deviceTime, "yesterday", "2026-02-30T00:00:00Z", "1700000000",
                t.now().plus(1, ChronoUnit.DAYS).toString()).optional();
        BodyRule address = object("address", true, text("line1", "Oranienstra\u00dfe 12", 1, 100),
                text("line2", "Hof", 0, 100).nullable().optional(), text("city", "Berlin", 1, 100),
                pattern("postal_code", "10997", "1099", "ABCDE", "109977", ""), pattern("country", "DE", "XX", "de", "DEU"));
        BodyRule[] organizationMembers = {text("legal_name", "Caf\u00e9 Fuzz GmbH", 1, 200),
                text("trade_name", "Fuzz", 0, 200).nullable().optional(),
                pattern("tax_id", "27/123/45678", "123", "abcdefghij", "1".repeat(14)), address, metadata()};
        BodyRule[] locationMembers = {text("name", "Filiale", 1, 100), address,
                pattern("timezone", "Europe/Berlin", "Mars/Olympus", "", "UTC+25").optional(), metadata()};
        BodyRule lineItems = array("line_items", true, text("description", "Cappuccino", 1, 255),
                pattern("quantity", "1", "0", "abc", "1.2345", "1e3", "1234567", "-"),
                integer("unit_price_gross", 350, 0, MONEY),
                object("tax", true, pattern("rate", "0.19", "abc", "", "0.19.1", "19%")));
        BodyRule payments = array("payments", true,
                choice("method", "cash", "cash", "card", "digital_wallet", "bank_transfer", "voucher"),
                integer("amount", 350, 1, MONEY));
        String organization = "/v1/organizations/{organization_id}";
        String location = "/v1/locations/{location_id}";
        String register = "/v1/registers/{register_id}";
        String unit = "/v1/fiscal-units/{fiscal_unit_id}";
        String sale = "/v1/sales/{sale_id}";
        return List.of(
                route(t, "POST", "/v1/auth/bootstrap", Auth.NONE).withBody(Body.OPTIONAL, true,
                        pattern("setup_token", "ofk_setup_" + "0".repeat(32)), text("label", "Fuzz", 1, 100).optional(),
                        choice("environment", "test", "test", "live").optional()),
                platform(t, "POST", "/v1/auth/api-keys").withBody(Body.OPTIONAL, true,
                        text("label", "Fuzz", 1, 100), text("description", "d", 0, 500).nullable().optional(),
                        choice("environment", "test", "test", "live").optional()),
                platform(t, "GET", "/v1/auth/api-keys").withQueries("", POS_LIST),
                platform(t, "DELETE", "/v1/auth/api-keys/{key_id}"),
                platform(t, "POST", "/v1/organizations").withBody(Body.OPTIONAL, true,
                        concat(organizationMembers, pattern("country", "DE", "XX", "Germany", ""))),
                platform(t, "GET", "/v1/organizations").withQueries("", POS_LIST),
                platform(t, "GET", organization),
                platform(t, "PATCH", organization).withBody(Body.OPTIONAL, true, optional(organizationMembers)),
                platform(t, "POST", organization + "/locations").withBody(Body.OPTIONAL, true, locationMembers),
                platform(t, "GET", organization + "/locations").withQueries("", POS_LIST),
                platform(t, "GET", location),
                platform(t, "PATCH", location).withBody(Body.OPTIONAL, true, optional(locationMembers)),
                platform(t, "POST", location + "/registers").withBody(Body.OPTIONAL, true,
                        text("label", "Kasse", 1, 100),
                        pattern("serial_number", "FUZZ-1", "", " lead", "x".repeat(71), "semi;colon"),
                        pattern("jurisdiction", "DE", "DEU", "XX", "").optional(), metadata()),
                platform(t, "GET", location + "/registers").withQueries("",
                        concat(POS_LIST, List.of("state=bogus", "state=active&state=active"))),
                platform(t, "GET", register),
                platform(t, "PATCH", register).withBody(Body.OPTIONAL, true, text("label", "Kasse", 1, 100).optional(),
                        metadata()),
                platform(t, "POST", register + "/fiscal-units").withBody(Body.OPTIONAL, true,
                        bool("issue_register_credential", false).optional()),
                platform(t, "GET", register + "/fiscal-units").withQueries("", POS_LIST),
                platform(t, "POST", register + "/fiscal-units/replace").withBody(Body.OPTIONAL, true,
                        text("reason", "Defekt", 1, 500), bool("issue_register_credential", false).optional()),
                platform(t, "POST", register + "/archive").withBody(Body.OPTIONAL, true,
                        text("reason", "Geschlossen", 0, 500).optional()),
                platform(t, "GET", unit),
                platform(t, "POST", unit + "/recover").withBody(Body.OPTIONAL, true),
                platform(t, "POST", unit + "/decommission").withBody(Body.OPTIONAL, true,
                        text("reason", "Defekt", 1, 500)),
                platform(t, "POST", register + "/credentials/rotate").withBody(Body.OPTIONAL, true),
                platform(t, "POST", register + "/sales").withBody(Body.OPTIONAL, true, lineItems.optional(),
                        uuid("id", UNKNOWN).optional(),
                        text("external_id", "R-1", 0, 255).nullable().optional(), occurredAt, metadata()),
                platform(t, "GET", register + "/operations").withQueries("", concat(POS_LIST, List.of("state=bogus",
                        "type=refund", "fiscal_state=x", "from=yesterday", "from=%00", "to=2026-13-01T00:00:00Z", "order=up",
                        "order=asc&order=asc"))),
                platform(t, "GET", sale),
                platform(t, "PATCH", sale).withBody(Body.OPTIONAL, true, lineItems.optional(), metadata())
                        .readingIfMatch(),
                platform(t, "POST", sale + "/complete").withBody(Body.OPTIONAL, true, payments, occurredAt)
                        .readingIfMatch(),
                platform(t, "POST", sale + "/cancel").withBody(Body.OPTIONAL, true, text("reason", "Storno", 1, 500),
                        occurredAt).readingIfMatch(),
                platform(t, "POST", register + "/heartbeat").withBody(Body.OPTIONAL, true,
                        pattern("timestamp", deviceTime, "now", "", t.now().plus(1, ChronoUnit.HOURS).toString()),
                        integer("sequence", 1, 0, Long.MAX_VALUE),
                        choice("status", "operational", "operational", "degraded")),
                platform(t, "GET", register + "/status"),
                platform(t, "GET", location + "/registers/status").withQueries("", POS_LIST));
    }

    /** The body of a metadata PATCH is the metadata object itself (sign-de-v2.md §11). */
    private static BodyRule[] metadataMembers() {
        return new BodyRule[] {text("order", "4711", 0, 500).nullable().optional(),
                text("note", "n", 0, 500).nullable().optional()};
    }

    /** A money amount of the SIGN DE schemas: {@code ^-?\d+(\.\d{2,5})$} (§8.3.1). */
    private static BodyRule amount() {
        return pattern("amount", "10.00", "10", "10.0", "10.000000", "1e2", "+10.00", "10,00", "", "\u0661\u0660.00");
    }

    private static HostileRoute bearer(HostileTargets t, String method, String template) {
        return route(t, method, template, Auth.BEARER);
    }

    private static HostileRoute platform(HostileTargets t, String method, String template) {
        return route(t, method, template, Auth.PLATFORM);
    }

    private static HostileRoute route(HostileTargets t, String method, String template, Auth auth) {
        return new HostileRoute(method, template, t.idsOf(template), Body.NONE, List.of(), false, "", List.of(), auth,
                false, false);
    }

    private static BodyRule[] optional(BodyRule... members) {
        return Stream.of(members).map(BodyRule::optional).toArray(BodyRule[]::new);
    }

    private static BodyRule[] concat(BodyRule[] members, BodyRule more) {
        return Stream.concat(Stream.of(members), Stream.of(more)).toArray(BodyRule[]::new);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
