package org.opentss.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import org.opentss.testing.DatabaseState;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Tenant isolation of the SIGN DE API (DESIGN.md invariant 5, sign-de-v2.md §1.7): every route of
 * {@link OutsiderRoutes}, aimed at a victim's TSS, client, transaction and export, by two outsiders — another
 * organization's TEST token and the victim organization's own LIVE token (the other environment). Each answer
 * has the documented status and code and equals the answer to the same request with made-up ids (or, for a
 * conflict, with the caller's own ids); lists never name the victim's resources; and nothing in the database
 * changes, neither per request nor over the whole matrix.
 *
 * <p>Routes that name a sub-resource run a second time on the outsider's own TSS with the victim's
 * sub-resource id: the not-found code of the sub-resource, or the instance-wide conflict of client and export
 * ids (§1.4).
 */
class TenantIsolationIT {

    /** Values of the placeholders that no tenant uses. */
    private static final Placeholders MADE_UP = Placeholders.of("{tss}", UUID.randomUUID().toString(),
            "{client}", UUID.randomUUID().toString(), "{tx}", UUID.randomUUID().toString(),
            "{export}", UUID.randomUUID().toString(), "{key}", "test_madeupmadeupmadeupmadeup_madeup",
            "{puk}", "0000000000", "{pin}", "975310");

    private static TestServer server;
    private static SignDeTenant victim;
    private static Map<String, SignDeTenant> outsiders;

    @BeforeAll
    static void setUp() {
        server = TestServer.start();
        // the exports stay PENDING, so that a cancellation let through would change them
        server.app().exportWorker().close();
        Organization victimOrganization = server.createOrganization("Bistro Linde GmbH");
        victim = SignDeTenant.create(server, victimOrganization.id(), Environment.TEST);
        outsiders = new LinkedHashMap<>();
        outsiders.put("another organization's TEST token",
                SignDeTenant.create(server, server.createOrganization("Nachbar GmbH").id(), Environment.TEST));
        outsiders.put("the same organization's LIVE token",
                SignDeTenant.create(server, victimOrganization.id(), Environment.LIVE));
        // a client id conflict is decided after the admin session check (§1.9 steps 8 and 9)
        outsiders.values().forEach(outsider -> outsider.adminLogin(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteAnswersAnOutsiderAsIfTheVictimsResourcesWereNotThereAndChangesNothing() {
        // the 33 routes of §2.3 and POST /api/v0/auth: a route added to the API needs a row here
        assertThat(OutsiderRoutes.ALL).hasSize(34);
        JsonNode victimTss = victimTss();
        DatabaseState start = DatabaseState.of(server);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, SignDeTenant> outsider : outsiders.entrySet()) {
            Placeholders theirs = victim.placeholders().with("{secret}", outsider.getValue().secret());
            for (OutsiderRoutes.Route route : OutsiderRoutes.ALL) {
                String cell = route + " with " + outsider.getKey();
                failures.addAll(check(cell, route, route.onTheirTss(), theirs, outsider.getValue()));
                route.onOwnTss().ifPresent(answer -> failures.addAll(check(cell + " on its own TSS", route, answer,
                        theirs.with("{tss}", outsider.getValue().tss().tssId()), outsider.getValue())));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(DatabaseState.of(server).changedSince(start)).isEmpty();
        JsonNode victimTssAfter = victimTss();
        for (String counter : List.of("signature_counter", "transaction_counter", "state")) {
            assertThat(victimTssAfter.get(counter)).as(counter).isEqualTo(victimTss.get(counter));
        }
    }

    /** One cell of the matrix: the request, its twin, and the state before and after; the failures found. */
    private static List<String> check(String cell, OutsiderRoutes.Route route, OutsiderAnswer expected,
            Placeholders request, SignDeTenant outsider) {
        List<String> failures = new ArrayList<>();
        DatabaseState before = DatabaseState.of(server);
        HttpResult result = send(route, request, outsider);
        if (result.status() != expected.status() || !result.code().equals(expected.code())) {
            failures.add(cell + ": expected " + expected.status() + " " + expected.code() + ", got " + result);
        }
        switch (expected.twin()) {
            case MADE_UP -> compareWithTwin(cell, route, request, request.replacing(victim.placeholders(), MADE_UP),
                    outsider, result, failures);
            case OWN -> compareWithTwin(cell, route, request,
                    request.replacing(victim.placeholders(), outsider.placeholders()), outsider, result, failures);
            case NONE -> checkListWithoutVictim(cell, result, failures);
        }
        List<String> changed = DatabaseState.of(server).changedSince(before);
        if (!changed.isEmpty()) {
            failures.add(cell + ": changed the tables " + changed);
        }
        return failures;
    }

    /** The answer must be the twin's, up to the ids each request named itself. */
    private static void compareWithTwin(String cell, OutsiderRoutes.Route route, Placeholders request,
            Placeholders twin, SignDeTenant outsider, HttpResult result, List<String> failures) {
        HttpResult twinResult = send(route, twin, outsider);
        if (twinResult.status() != result.status()
                || !twin.unfill(twinResult.body()).equals(request.unfill(result.body()))) {
            failures.add(cell + ": distinguishable from " + twin.fill(route.template()) + ": " + result + " vs "
                    + twinResult);
        }
    }

    /** A list names none of the victim's resources, though it holds the outsider's own. */
    private static void checkListWithoutVictim(String cell, HttpResult result, List<String> failures) {
        Placeholders victimIds = victim.placeholders();
        for (String id : List.of("{tss}", "{client}", "{tx}", "{export}")) {
            if (result.body().contains(victimIds.get(id))) {
                failures.add(cell + ": lists the victim's " + id);
            }
        }
        if (result.status() == 200 && result.json().get("count").asInt() == 0) {
            failures.add(cell + ": lists nothing, not even the caller's own resources");
        }
    }

    private static HttpResult send(OutsiderRoutes.Route route, Placeholders values, SignDeTenant outsider) {
        return server.call(route.method(), values.fill(route.template()), values.fill(route.body()),
                outsider.token());
    }

    private static JsonNode victimTss() {
        HttpResult tss = server.get(victim.tss().path(), victim.token());
        assertThat(tss.status()).as(tss.toString()).isEqualTo(200);
        return tss.json();
    }
}
