package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.DatabaseState;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.PosFixture;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix of pos-api.md §4.6: every endpoint of the §8 index with five credentials — the
 * platform key of the owning organization, the platform key of an unrelated organization, the register key
 * of the register concerned, the register key of another register, and none. Every refusal has the
 * documented status and code and changes nothing. Allowed requests are sent with a body the endpoint must
 * refuse as malformed, so that they prove authorization passed without changing anything either.
 */
class ScopeMatrixIT {

    private static final String MALFORMED = "{\"not_a_field\":1}";

    /** The five credentials, in the order they are tried on each endpoint. */
    private enum Credential { NONE, UNRELATED_PLATFORM, OTHER_REGISTER, OWN_REGISTER, PLATFORM }

    /** Who an endpoint admits (§4.6). */
    private enum Access { PLATFORM, PLATFORM_OR_OWN_REGISTER, OPEN }

    /**
     * @param path the path with ids of the owning organization's resources
     * @param named what the path names: a resource of the owner (its register for register-key checks,
     *         a sale when {@code sale}), or nothing, in which case an unrelated platform key acts in its own
     *         organization like the owner's key does
     */
    private record Endpoint(String method, String path, Access access, boolean namesResource, boolean sale) {
    }

    private static TestServer server;
    private static Map<Credential, PosClient> clients;
    private static List<Endpoint> endpoints;

    @BeforeAll
    static void setUp() {
        server = TestServer.start();
        PosFixture owner = PosFixture.bootstrap(server, Environment.TEST);
        String merchant = owner.createMerchant("Café Morgenrot GmbH");
        String location = owner.createLocation(merchant, "Filiale Kreuzberg");
        String register = owner.createRegister(location, "KASSE-01");
        JsonNode provisioned = owner.createFiscalUnit(register, true);
        String unit = provisioned.get("fiscal_unit").get("id").asString();
        String otherRegister = owner.createRegister(location, "KASSE-02");
        String otherKey = owner.createFiscalUnit(otherRegister, true).get("register_api_key").asString();
        HttpResult sale = owner.platform().post("/v1/registers/" + register + "/sales",
                "{\"line_items\":[{\"description\":\"Cappuccino\",\"quantity\":\"1\",\"unit_price_gross\":350,"
                        + "\"tax\":{\"rate\":\"0.19\"}}]}");
        assertThat(sale.status()).as(sale.body()).isEqualTo(201);
        String saleId = sale.json().get("id").asString();
        String spareKey = owner.platform().post("/v1/auth/api-keys", "{\"label\":\"spare\"}").json().get("id")
                .asString();

        clients = new LinkedHashMap<>();
        clients.put(Credential.NONE, PosClient.anonymous(server));
        clients.put(Credential.UNRELATED_PLATFORM, PosFixture.bootstrap(server, Environment.TEST).platform());
        clients.put(Credential.OTHER_REGISTER, PosClient.register(server, otherKey));
        clients.put(Credential.OWN_REGISTER,
                PosClient.register(server, provisioned.get("register_api_key").asString()));
        clients.put(Credential.PLATFORM, owner.platform());

        String org = "/v1/organizations/" + merchant;
        String loc = "/v1/locations/" + location;
        String reg = "/v1/registers/" + register;
        String fu = "/v1/fiscal-units/" + unit;
        String sales = "/v1/sales/" + saleId;
        endpoints = List.of(
                new Endpoint("POST", "/v1/auth/bootstrap", Access.OPEN, false, false),
                new Endpoint("POST", "/v1/auth/api-keys", Access.PLATFORM, false, false),
                new Endpoint("GET", "/v1/auth/api-keys", Access.PLATFORM, false, false),
                new Endpoint("POST", "/v1/organizations", Access.PLATFORM, false, false),
                new Endpoint("GET", "/v1/organizations", Access.PLATFORM, false, false),
                new Endpoint("GET", org, Access.PLATFORM, true, false),
                new Endpoint("PATCH", org, Access.PLATFORM, true, false),
                new Endpoint("POST", org + "/locations", Access.PLATFORM, true, false),
                new Endpoint("GET", org + "/locations", Access.PLATFORM, true, false),
                new Endpoint("GET", loc, Access.PLATFORM, true, false),
                new Endpoint("PATCH", loc, Access.PLATFORM, true, false),
                new Endpoint("POST", loc + "/registers", Access.PLATFORM, true, false),
                new Endpoint("GET", loc + "/registers", Access.PLATFORM, true, false),
                new Endpoint("GET", loc + "/registers/status", Access.PLATFORM, true, false),
                new Endpoint("GET", reg, Access.PLATFORM_OR_OWN_REGISTER, true, false),
                new Endpoint("PATCH", reg, Access.PLATFORM, true, false),
                new Endpoint("POST", reg + "/fiscal-units", Access.PLATFORM, true, false),
                new Endpoint("GET", reg + "/fiscal-units", Access.PLATFORM, true, false),
                new Endpoint("POST", reg + "/fiscal-units/replace", Access.PLATFORM, true, false),
                new Endpoint("GET", fu, Access.PLATFORM, true, false),
                new Endpoint("POST", fu + "/recover", Access.PLATFORM, true, false),
                new Endpoint("POST", fu + "/decommission", Access.PLATFORM, true, false),
                new Endpoint("POST", reg + "/credentials/rotate", Access.PLATFORM, true, false),
                new Endpoint("POST", reg + "/sales", Access.PLATFORM_OR_OWN_REGISTER, true, false),
                new Endpoint("GET", sales, Access.PLATFORM_OR_OWN_REGISTER, true, true),
                new Endpoint("PATCH", sales, Access.PLATFORM_OR_OWN_REGISTER, true, true),
                new Endpoint("POST", sales + "/complete", Access.PLATFORM_OR_OWN_REGISTER, true, true),
                new Endpoint("POST", sales + "/cancel", Access.PLATFORM_OR_OWN_REGISTER, true, true),
                new Endpoint("GET", reg + "/operations", Access.PLATFORM_OR_OWN_REGISTER, true, false),
                new Endpoint("POST", reg + "/heartbeat", Access.PLATFORM_OR_OWN_REGISTER, true, false),
                new Endpoint("GET", reg + "/status", Access.PLATFORM_OR_OWN_REGISTER, true, false),
                new Endpoint("POST", reg + "/archive", Access.PLATFORM, true, false),
                // last: the owner's key revokes the spare key for real, there being no body to refuse
                new Endpoint("DELETE", "/v1/auth/api-keys/" + spareKey, Access.PLATFORM, true, false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyEndpointAnswersEveryCredentialAsDocumented() {
        assertThat(endpoints).hasSize(33);
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (Map.Entry<Credential, PosClient> client : clients.entrySet()) {
                Expected expected = expected(endpoint, client.getKey());
                Map<String, String> before = state();
                HttpResult result = send(client.getValue(), endpoint);
                String cell = endpoint.method() + " " + endpoint.path() + " with " + client.getKey();
                if (!expected.matches(result)) {
                    failures.add(cell + ": expected " + expected + ", got " + result.status() + " " + result.body());
                }
                if (expected.refused() && !before.equals(state())) {
                    failures.add(cell + ": a refused request changed the state");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The documented answer, or for an allowed request the refusal of its malformed body. */
    private record Expected(Set<Integer> statuses, String code, boolean refused) {

        boolean matches(HttpResult result) {
            return statuses.contains(result.status())
                    && (code == null || result.json().get("code").asString().equals(code));
        }
    }

    private static Expected expected(Endpoint endpoint, Credential credential) {
        if (endpoint.access() == Access.OPEN) {
            // the credential is ignored; the setup token in the body is unknown
            return new Expected(Set.of(401), "unauthorized", true);
        }
        return switch (credential) {
            case NONE -> new Expected(Set.of(401), "unauthorized", true);
            case OTHER_REGISTER -> endpoint.access() == Access.PLATFORM
                    ? new Expected(Set.of(403), "forbidden", true)
                    : endpoint.sale() ? new Expected(Set.of(404), "not_found", true)
                    : new Expected(Set.of(403), "forbidden", true);
            case OWN_REGISTER -> endpoint.access() == Access.PLATFORM
                    ? new Expected(Set.of(403), "forbidden", true)
                    : allowed(endpoint);
            case UNRELATED_PLATFORM -> endpoint.namesResource()
                    ? new Expected(Set.of(404), "not_found", true)
                    : allowed(endpoint);
            case PLATFORM -> allowed(endpoint);
        };
    }

    /** GETs succeed; the DELETE revokes; everything else refuses the malformed body with a 400. */
    private static Expected allowed(Endpoint endpoint) {
        return switch (endpoint.method()) {
            case "GET", "DELETE" -> new Expected(Set.of(200), null, false);
            default -> new Expected(Set.of(400), "invalid_request", true);
        };
    }

    private static HttpResult send(PosClient client, Endpoint endpoint) {
        return switch (endpoint.method()) {
            case "GET" -> client.get(endpoint.path());
            case "DELETE" -> client.delete(endpoint.path());
            case "PATCH" -> client.patch(endpoint.path(), MALFORMED);
            default -> client.post(endpoint.path(), endpoint.access() == Access.OPEN
                    ? "{\"setup_token\":\"ofk_setup_00000000000000000000000000000000\"}" : MALFORMED);
        };
    }

    /** Everything a request could change, apart from the {@code last_used_at} times of credentials. */
    private static Map<String, String> state() {
        return DatabaseState.of(server.app().database());
    }
}
