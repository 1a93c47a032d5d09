package org.opentss.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentss.http.Json;
import org.opentss.testing.DatabaseState;
import org.opentss.testing.HttpResult;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The management API {@code /api/v0} as a user sees it (sign-de-v2.md §12, with §1.2, §1.8, §2 and §11):
 * organizations, their management tree and its isolation, API keys and what changing them does to
 * logins and tokens, metadata rules and the error body.
 *
 * <p>One server serves all tests; every test makes its own organizations, so the tests neither see
 * nor rate-limit each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiIT {

    private static final String ORGS = "/api/v0/organizations";
    private static final Pattern KEY_FORMAT = Pattern.compile("^test_[a-z0-9]{24}_[a-z0-9]{1,32}$");
    private static final Pattern LIVE_KEY_FORMAT = Pattern.compile("^live_[a-z0-9]{24}_[a-z0-9]{1,32}$");
    private static final Pattern SECRET_FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String FIXED_401 = "{\"message\":\"Unauthorized\",\"status_code\":401,\"error\":\"Unauthorized\"}";
    private static final List<String> ERROR_KEYS = List.of("status_code", "error", "code", "message");
    private static final List<String> LIST_KEYS = List.of("data", "count", "_type");

    private TestServer server;

    /** A top-level organization made by the operator, with an operator-made API key and its token. */
    private record Tenant(Organization org, CreatedApiKey key, String token) {
        String id() {
            return org.id();
        }
    }

    @BeforeAll
    void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private Tenant tenant(String name) {
        return tenant(name, Environment.TEST);
    }

    private Tenant tenant(String name, Environment env) {
        Organization org = server.createOrganization(name);
        CreatedApiKey key = server.createApiKey(org.id(), env);
        return new Tenant(org, key, server.accessToken(key));
    }

    /** Lets the test clock move on, so that creation times (and so list order) differ. */
    private void tick() {
        server.clock().advance(Duration.ofSeconds(1));
    }

    private static String orgBody(String name) {
        return "{\"name\":\"" + name + "\",\"address_line1\":\"Lindenstraße 12\",\"zip\":\"10117\","
                + "\"town\":\"Berlin\",\"country_code\":\"DEU\"}";
    }

    private static String orgBody(String name, String managedBy) {
        return "{\"name\":\"" + name + "\",\"address_line1\":\"Lindenstraße 12\",\"zip\":\"10117\","
                + "\"town\":\"Berlin\",\"country_code\":\"DEU\",\"managed_by_organization_id\":\"" + managedBy + "\"}";
    }

    /** Creates a managed organization through the API and returns its body. */
    private JsonNode createOrg(String token, String body) {
        HttpResult result = server.post(ORGS, body, token);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    private JsonNode createKey(String token, String orgId, String body) {
        HttpResult result = server.post(keysPath(orgId), body, token);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    private static String orgPath(String orgId) {
        return ORGS + "/" + orgId;
    }

    private static String keysPath(String orgId) {
        return orgPath(orgId) + "/api-keys";
    }

    private static String keyPath(String orgId, String keyId) {
        return keysPath(orgId) + "/" + keyId;
    }

    private HttpResult login(String key, String secret) {
        return server.post("/api/v2/auth", "{\"api_key\":\"" + key + "\",\"api_secret\":\"" + secret + "\"}", null);
    }

    private HttpResult login(JsonNode createdKey) {
        return login(createdKey.get("key").asString(), createdKey.get("secret").asString());
    }

    private static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(item -> ids.add(item.get("_id").asString()));
        return ids;
    }

    private static String metadataJson(int keys) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keys; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v").append(i).append('"');
        }
        return json.append('}').toString();
    }

    private static HttpResult assertOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Content-Type")).hasValue("application/json; charset=utf-8");
        return result;
    }

    /** Asserts status, code and the fiskaly error body with exactly its four keys in order (§2.1). */
    private static JsonNode assertError(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        JsonNode body = result.json();
        assertThat(names(body)).as(result.toString()).containsExactlyElementsOf(ERROR_KEYS);
        assertThat(body.get("status_code").isInt()).isTrue();
        assertThat(body.get("status_code").asInt()).isEqualTo(status);
        assertThat(body.get("error").asString()).isEqualTo(switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> throw new IllegalArgumentException("no phrase for " + status);
        });
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("message").isString()).isTrue();
        assertThat(body.get("message").asString()).isNotBlank();
        return body;
    }

    private static void assertOrgNotFound(HttpResult result) {
        JsonNode body = assertError(result, 404, "E_ORGANIZATION_NOT_FOUND");
        assertThat(body.get("message").asString()).isEqualTo("Organization not found");
    }

    private static void assertKeyNotFound(HttpResult result) {
        assertError(result, 404, "E_API_KEY_NOT_FOUND");
    }

    private static void assertSchemaError(HttpResult result) {
        assertError(result, 400, "E_FAILED_SCHEMA_VALIDATION");
    }

    private static void assertFixedUnauthorized(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(401);
        assertThat(result.bytes()).isEqualTo(FIXED_401.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRevoked(HttpResult result) {
        JsonNode body = assertError(result, 401, "E_UNAUTHORIZED");
        assertThat(body.get("message").asString()).isEqualTo("access token revoked");
        assertThat(result.header("WWW-Authenticate")).hasValue("Bearer realm=\"opentss\"");
    }

    // ---------------------------------------------------------------------------------------------
    // organizations

    @Nested
    class Organizations {

        @Test
        void listShowsOwnOrganizationFirstThenManagedOnesTransitively() {
            Tenant a = tenant("Bistro Linde GmbH");
            tick();
            String b = createOrg(a.token(), orgBody("Filiale B")).get("_id").asString();
            tick();
            String c = createOrg(a.token(), orgBody("Filiale C", b)).get("_id").asString();
            tick();
            String d = createOrg(a.token(), orgBody("Filiale D")).get("_id").asString();
            Tenant other = tenant("Someone Else");

            JsonNode list = assertOk(server.get(ORGS, a.token())).json();
            assertThat(names(list)).containsExactlyElementsOf(LIST_KEYS);
            assertThat(list.get("_type").asString()).isEqualTo("ORGANIZATION_LIST");
            assertThat(list.get("count").asInt()).isEqualTo(4);
            assertThat(ids(list)).containsExactly(a.id(), b, c, d).doesNotContain(other.id());
            JsonNode own = list.get("data").get(0);
            assertThat(own.get("_type").asString()).isEqualTo("ORGANIZATION");
            assertThat(own.get("managed_by_organization_id").asString()).isEmpty();
            assertThat(own.get("created_by_user").isNull()).isTrue();
            for (int i = 1; i < 4; i++) {
                assertThat(list.get("data").get(i).get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");
            }
            assertThat(list.get("data").get(2).get("managed_by_organization_id").asString()).isEqualTo(b);

            // C is reached only through B: A sees it directly too
            JsonNode cByA = assertOk(server.get(orgPath(c), a.token())).json();
            assertThat(cByA.get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");
            assertThat(cByA.get("managed_by_organization_id").asString()).isEqualTo(b);

            // B's own token: B first as ORGANIZATION, then C; neither A nor D
            String bToken = login(createKey(a.token(), b, "{\"name\":\"B\"}")).json().get("access_token").asString();
            JsonNode bList = assertOk(server.get(ORGS, bToken)).json();
            assertThat(ids(bList)).containsExactly(b, c);
            assertThat(bList.get("data").get(0).get("_type").asString()).isEqualTo("ORGANIZATION");
            assertThat(bList.get("data").get(1).get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");
        }

        @Test
        void createReturnsManagedOrganizationWithCallerAsCreator() {
            Tenant a = tenant("Bistro Linde GmbH");
            tick();
            HttpResult result = server.post(ORGS, """
                    {"name":"Bistro Linde Filiale Mitte","address_line1":"Lindenstraße 12","zip":"10117",
                     "town":"Berlin","country_code":"deu","tax_number":"30/123/45678",
                     "metadata":{"crm_id":"C-1042","dropped":"","also_dropped":null},
                     "unknown_member":"ignored"}""", a.token());
            JsonNode org = assertOk(result).json();

            assertThat(names(org)).containsExactly("_id", "_type", "_envs", "name", "address_line1", "zip", "town",
                    "country_code", "tax_number", "managed_by_organization_id", "created_by_user", "metadata",
                    "created_at");
            assertThat(UUID.fromString(org.get("_id").asString()).toString()).isEqualTo(org.get("_id").asString());
            assertThat(org.get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");
            assertThat(org.get("_envs").toString()).isEqualTo("[\"TEST\",\"LIVE\"]");
            assertThat(org.get("name").asString()).isEqualTo("Bistro Linde Filiale Mitte");
            assertThat(org.get("address_line1").asString()).isEqualTo("Lindenstraße 12");
            assertThat(org.get("zip").asString()).isEqualTo("10117");
            assertThat(org.get("town").asString()).isEqualTo("Berlin");
            assertThat(org.get("country_code").asString()).isEqualTo("DEU");
            assertThat(org.get("tax_number").asString()).isEqualTo("30/123/45678");
            assertThat(org.get("managed_by_organization_id").asString()).isEqualTo(a.id());
            assertThat(org.get("created_by_user").asString()).isEqualTo(a.key().key().id());
            assertThat(org.get("metadata").toString()).isEqualTo("{\"crm_id\":\"C-1042\"}");
            assertThat(org.get("created_at").isIntegralNumber()).isTrue();
            assertThat(org.get("created_at").asLong()).isEqualTo(server.clock().instant().getEpochSecond());
            assertThat(org.has("unknown_member")).isFalse();

            // a GET gives the same resource
            JsonNode read = assertOk(server.get(orgPath(org.get("_id").asString()), a.token())).json();
            assertThat(read).isEqualTo(org);
        }

        @Test
        void createWithAllOptionalFields() {
            Tenant a = tenant("Bistro Linde GmbH");
            JsonNode org = createOrg(a.token(), """
                    {"name":"N","address_line1":"L1","address_line2":"Hinterhaus","zip":"1","town":"T",
                     "state":"Berlin","country_code":"AuT","tax_number":"12","metadata":{}}""");
            assertThat(names(org)).containsExactly("_id", "_type", "_envs", "name", "address_line1", "address_line2",
                    "zip", "town", "state", "country_code", "tax_number", "managed_by_organization_id",
                    "created_by_user", "metadata", "created_at");
            assertThat(org.get("address_line2").asString()).isEqualTo("Hinterhaus");
            assertThat(org.get("state").asString()).isEqualTo("Berlin");
            assertThat(org.get("country_code").asString()).isEqualTo("AUT");
            assertThat(org.get("metadata").toString()).isEqualTo("{}");

            // optional fields given as "" are not set
            JsonNode bare = createOrg(a.token(), """
                    {"name":"N","address_line1":"L1","address_line2":"","zip":"1","town":"T","state":"",
                     "country_code":"DEU","tax_number":""}""");
            assertThat(bare.has("address_line2")).isFalse();
            assertThat(bare.has("state")).isFalse();
            assertThat(bare.has("tax_number")).isFalse();
        }

        @Test
        void createRequiresEveryRequiredField() {
            Tenant a = tenant("Bistro Linde GmbH");
            for (String field : List.of("name", "address_line1", "zip", "town", "country_code")) {
                ObjectNode body = (ObjectNode) Json.MAPPER.readTree(orgBody("X"));
                body.remove(field);
                JsonNode error = assertErrorOf(server.post(ORGS, body.toString(), a.token()));
                assertThat(error.get("message").asString()).isEqualTo("body must have required property '" + field + "'");

                body.put(field, "");
                assertErrorOf(server.post(ORGS, body.toString(), a.token()));
                body.put(field, 42);
                assertErrorOf(server.post(ORGS, body.toString(), a.token()));
                body.putNull(field);
                assertErrorOf(server.post(ORGS, body.toString(), a.token()));
            }
            assertErrorOf(server.post(ORGS, orgBody("x".repeat(201)), a.token()));
            assertOk(server.post(ORGS, orgBody("x".repeat(200)), a.token()));
            assertErrorOf(server.post(ORGS, "[]", a.token()));
            assertErrorOf(server.post(ORGS, "null", a.token()));
            assertErrorOf(server.post(ORGS, "{", a.token()));
            assertErrorOf(server.post(ORGS, "", a.token()));
            // nothing but the one valid organization was created
            assertThat(server.get(ORGS, a.token()).json().get("count").asInt()).isEqualTo(2);
        }

        private JsonNode assertErrorOf(HttpResult result) {
            assertSchemaError(result);
            return result.json();
        }

        @Test
        void createRejectsInvalidCountryCode() {
            Tenant a = tenant("Bistro Linde GmbH");
            for (String code : List.of("XXX", "DE", "de", "DEUT", "", "D1U")) {
                String body = orgBody("X").replace("\"DEU\"", "\"" + code + "\"");
                assertSchemaError(server.post(ORGS, body, a.token()));
            }
            assertSchemaError(server.post(ORGS, orgBody("X").replace("\"DEU\"", "276"), a.token()));
            assertThat(server.get(ORGS, a.token()).json().get("count").asInt()).isEqualTo(1);
        }

        @Test
        void createUnderAnOrganizationOutsideTheScopeIsNotFound() {
            Tenant a = tenant("A");
            Tenant stranger = tenant("Stranger");
            String strangersChild = createOrg(stranger.token(), orgBody("Stranger child")).get("_id").asString();

            assertOrgNotFound(server.post(ORGS, orgBody("X", stranger.id()), a.token()));
            assertOrgNotFound(server.post(ORGS, orgBody("X", strangersChild), a.token()));
            assertOrgNotFound(server.post(ORGS, orgBody("X", UUID.randomUUID().toString()), a.token()));
            assertSchemaError(server.post(ORGS, orgBody("X", "not-a-uuid"), a.token()));
            assertThat(server.get(ORGS, a.token()).json().get("count").asInt()).isEqualTo(1);
            assertThat(server.get(ORGS, stranger.token()).json().get("count").asInt()).isEqualTo(2);

            // an upper-case id in scope is accepted and stored in lower case
            JsonNode child = createOrg(a.token(), orgBody("Child", a.id().toUpperCase()));
            assertThat(child.get("managed_by_organization_id").asString()).isEqualTo(a.id());
        }

        @Test
        void getOwnAndManagedOrganization() {
            Tenant a = tenant("Bistro Linde GmbH");
            String b = createOrg(a.token(), orgBody("B")).get("_id").asString();

            JsonNode own = assertOk(server.get(orgPath(a.id()), a.token())).json();
            assertThat(names(own)).containsExactly("_id", "_type", "_envs", "name", "address_line1", "zip", "town",
                    "country_code", "managed_by_organization_id", "created_by_user", "metadata", "created_at");
            assertThat(own.get("_id").asString()).isEqualTo(a.id());
            assertThat(own.get("_type").asString()).isEqualTo("ORGANIZATION");
            assertThat(own.get("name").asString()).isEqualTo("Bistro Linde GmbH");
            assertThat(own.get("managed_by_organization_id").asString()).isEmpty();
            assertThat(own.get("created_by_user").isNull()).isTrue();
            assertThat(own.get("metadata").toString()).isEqualTo("{}");
            assertThat(own.get("created_at").asLong()).isEqualTo(a.org().createdAt());

            JsonNode managed = assertOk(server.get(orgPath(b), a.token())).json();
            assertThat(managed.get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");

            // upper-case ids are accepted; the response uses the lower-case form
            JsonNode upper = assertOk(server.get(orgPath(b.toUpperCase()), a.token())).json();
            assertThat(upper.get("_id").asString()).isEqualTo(b);
        }

        @Test
        void malformedOrganizationIdIsSchemaError() {
            Tenant a = tenant("A");
            for (String bad : List.of("not-a-uuid", "12345", a.id() + "0", a.id().replace('-', '_'))) {
                JsonNode body = assertError(server.get(orgPath(bad), a.token()), 400, "E_FAILED_SCHEMA_VALIDATION");
                assertThat(body.get("message").asString()).isEqualTo("params/organization_id must match format \"uuid\"");
                assertSchemaError(server.patch(orgPath(bad), "{\"name\":\"x\"}", a.token()));
                assertSchemaError(server.get(keysPath(bad), a.token()));
                assertSchemaError(server.post(keysPath(bad), "{\"name\":\"x\"}", a.token()));
            }
        }

        @Test
        void unknownOrganizationIsNotFound() {
            Tenant a = tenant("A");
            String unknown = UUID.randomUUID().toString();
            assertOrgNotFound(server.get(orgPath(unknown), a.token()));
            assertOrgNotFound(server.patch(orgPath(unknown), "{\"name\":\"x\"}", a.token()));
            assertOrgNotFound(server.get(keysPath(unknown), a.token()));
            assertOrgNotFound(server.post(keysPath(unknown), "{\"name\":\"x\"}", a.token()));
        }

        @Test
        void managementNeedsABearerToken() {
            JsonNode body = assertError(server.get(ORGS, null), 401, "E_UNAUTHORIZED");
            assertThat(body.get("message").asString()).isEqualTo("missing access token");
            body = assertError(server.get(ORGS, "garbage"), 401, "E_UNAUTHORIZED");
            assertThat(body.get("message").asString()).isEqualTo("invalid access token");
            assertError(server.post(ORGS, orgBody("X"), null), 401, "E_UNAUTHORIZED");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // organization PATCH

    @Nested
    class OrganizationPatch {

        @Test
        void patchChangesFieldsMergesMetadataAndRemovesOptionalFields() {
            Tenant a = tenant("A");
            Tenant other = tenant("Other");
            JsonNode created = createOrg(a.token(), """
                    {"name":"Old","address_line1":"L1","address_line2":"L2","zip":"1","town":"T","state":"S",
                     "country_code":"DEU","tax_number":"TX","metadata":{"keep":"1","change":"2","drop":"3","gone":"4"}}""");
            String id = created.get("_id").asString();
            tick();

            HttpResult result = server.patch(orgPath(id), """
                    {"name":"New","address_line2":"","state":"","tax_number":"TX2","country_code":"aut","zip":"2",
                     "metadata":{"change":"20","drop":"","gone":null,"new":"5"},
                     "managed_by_organization_id":"%s","created_by_user":"x","_id":"%s"}"""
                    .formatted(other.id(), UUID.randomUUID()), a.token());
            JsonNode patched = assertOk(result).json();

            assertThat(names(patched)).containsExactly("_id", "_type", "_envs", "name", "address_line1", "zip",
                    "town", "country_code", "tax_number", "managed_by_organization_id", "created_by_user",
                    "metadata", "created_at");
            assertThat(patched.get("_id").asString()).isEqualTo(id);
            assertThat(patched.get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");
            assertThat(patched.get("name").asString()).isEqualTo("New");
            assertThat(patched.get("address_line1").asString()).isEqualTo("L1");
            assertThat(patched.get("zip").asString()).isEqualTo("2");
            assertThat(patched.get("town").asString()).isEqualTo("T");
            assertThat(patched.get("country_code").asString()).isEqualTo("AUT");
            assertThat(patched.get("tax_number").asString()).isEqualTo("TX2");
            assertThat(patched.get("managed_by_organization_id").asString()).isEqualTo(a.id());
            assertThat(patched.get("created_by_user").asString()).isEqualTo(a.key().key().id());
            assertThat(patched.get("created_at").asLong()).isEqualTo(created.get("created_at").asLong());
            JsonNode metadata = patched.get("metadata");
            assertThat(names(metadata)).containsExactlyInAnyOrder("keep", "change", "new");
            assertThat(metadata.get("keep").asString()).isEqualTo("1");
            assertThat(metadata.get("change").asString()).isEqualTo("20");
            assertThat(metadata.get("new").asString()).isEqualTo("5");

            // stored, not just echoed
            assertThat(assertOk(server.get(orgPath(id), a.token())).json()).isEqualTo(patched);
            // the organization stayed in A's tree, not in the other one's
            assertOrgNotFound(server.get(orgPath(id), other.token()));
        }

        @Test
        void emptyPatchChangesNothing() {
            Tenant a = tenant("A");
            JsonNode before = assertOk(server.get(orgPath(a.id()), a.token())).json();
            JsonNode after = assertOk(server.patch(orgPath(a.id()), "{}", a.token())).json();
            assertThat(after).isEqualTo(before);
            assertSchemaError(server.patch(orgPath(a.id()), "", a.token()));
            assertSchemaError(server.patch(orgPath(a.id()), "[]", a.token()));
        }

        @Test
        void callerMayPatchItsOwnOrganization() {
            Tenant a = tenant("A");
            JsonNode patched = assertOk(server.patch(orgPath(a.id()), "{\"name\":\"A renamed\",\"metadata\":{\"x\":\"y\"}}",
                    a.token())).json();
            assertThat(patched.get("_type").asString()).isEqualTo("ORGANIZATION");
            assertThat(patched.get("name").asString()).isEqualTo("A renamed");
            assertThat(patched.get("managed_by_organization_id").asString()).isEmpty();
            assertThat(patched.get("created_by_user").isNull()).isTrue();
            assertThat(patched.get("metadata").toString()).isEqualTo("{\"x\":\"y\"}");
        }

        @Test
        void requiredFieldsCannotBeEmptiedAndARejectedPatchChangesNothing() {
            Tenant a = tenant("A");
            String id = createOrg(a.token(), orgBody("Keep")).get("_id").asString();
            JsonNode before = assertOk(server.get(orgPath(id), a.token())).json();
            for (String field : List.of("name", "address_line1", "zip", "town", "country_code")) {
                assertSchemaError(server.patch(orgPath(id), "{\"" + field + "\":\"\",\"tax_number\":\"T\"}", a.token()));
                assertSchemaError(server.patch(orgPath(id), "{\"" + field + "\":null}", a.token()));
                assertSchemaError(server.patch(orgPath(id), "{\"" + field + "\":1}", a.token()));
            }
            assertSchemaError(server.patch(orgPath(id), "{\"country_code\":\"XYZ\",\"name\":\"Changed\"}", a.token()));
            assertSchemaError(server.patch(orgPath(id), "{\"name\":\"" + "n".repeat(201) + "\"}", a.token()));
            assertSchemaError(server.patch(orgPath(id), "{\"tax_number\":\"" + "t".repeat(65) + "\"}", a.token()));
            assertSchemaError(server.patch(orgPath(id), "{\"metadata\":\"not an object\"}", a.token()));
            assertThat(assertOk(server.get(orgPath(id), a.token())).json()).isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // lists

    @Nested
    class Pagination {

        @Test
        void organizationListPagesWithLimitAndOffset() {
            Tenant a = tenant("A");
            List<String> expected = new ArrayList<>(List.of(a.id()));
            for (int i = 0; i < 4; i++) {
                tick();
                expected.add(createOrg(a.token(), orgBody("M" + i)).get("_id").asString());
            }
            JsonNode first = assertOk(server.get(ORGS + "?limit=2", a.token())).json();
            assertThat(first.get("count").asInt()).isEqualTo(2);
            assertThat(ids(first)).containsExactlyElementsOf(expected.subList(0, 2));
            assertThat(first.get("data").get(0).get("_type").asString()).isEqualTo("ORGANIZATION");

            JsonNode second = assertOk(server.get(ORGS + "?limit=2&offset=2", a.token())).json();
            assertThat(ids(second)).containsExactlyElementsOf(expected.subList(2, 4));
            assertThat(second.get("data").get(0).get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");

            JsonNode third = assertOk(server.get(ORGS + "?limit=2&offset=4", a.token())).json();
            assertThat(third.get("count").asInt()).isEqualTo(1);
            assertThat(ids(third)).containsExactly(expected.get(4));

            JsonNode beyond = assertOk(server.get(ORGS + "?offset=50", a.token())).json();
            assertThat(names(beyond)).containsExactlyElementsOf(LIST_KEYS);
            assertThat(beyond.get("count").asInt()).isZero();
            assertThat(beyond.get("data").isArray()).isTrue();
            assertThat(beyond.get("data").size()).isZero();

            assertThat(ids(assertOk(server.get(ORGS + "?limit=100&offset=0&unknown=1", a.token())).json()))
                    .containsExactlyElementsOf(expected);
            assertThat(ids(assertOk(server.get(ORGS + "?limit=1", a.token())).json())).containsExactly(a.id());
        }

        @Test
        void invalidLimitOrOffsetIsSchemaError() {
            Tenant a = tenant("A");
            for (String path : List.of(ORGS, keysPath(a.id()))) {
                for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=",
                        "offset=-1", "offset=x", "limit=1&limit=2")) {
                    assertSchemaError(server.get(path + "?" + query, a.token()));
                }
            }
            JsonNode body = server.get(ORGS + "?limit=101", a.token()).json();
            assertThat(body.get("message").asString()).isEqualTo("querystring/limit must be <= 100");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // isolation

    @Nested
    class Isolation {

        @Test
        void anotherOrganizationIsIndistinguishableFromAnUnknownOne() {
            Tenant o1 = tenant("O1");
            Tenant o2 = tenant("O2");
            String o1Child = createOrg(o1.token(), orgBody("O1 child")).get("_id").asString();
            String o1KeyId = o1.key().key().id();
            String unknown = UUID.randomUUID().toString();
            DatabaseState before = DatabaseState.of(server);

            for (String target : List.of(o1.id(), o1Child)) {
                HttpResult get = server.get(orgPath(target), o2.token());
                assertOrgNotFound(get);
                assertThat(get.body()).isEqualTo(server.get(orgPath(unknown), o2.token()).body());
                HttpResult patch = server.patch(orgPath(target), "{\"name\":\"hijacked\"}", o2.token());
                assertOrgNotFound(patch);
                assertThat(patch.body()).isEqualTo(server.patch(orgPath(unknown), "{\"name\":\"x\"}", o2.token()).body());
                assertOrgNotFound(server.get(keysPath(target), o2.token()));
                assertOrgNotFound(server.post(keysPath(target), "{\"name\":\"intruder\"}", o2.token()));
                assertOrgNotFound(server.post(ORGS, orgBody("Sneaky", target), o2.token()));
            }
            assertOrgNotFound(server.get(keyPath(o1.id(), o1KeyId), o2.token()));
            assertOrgNotFound(server.patch(keyPath(o1.id(), o1KeyId), "{\"status\":\"disabled\"}", o2.token()));
            assertOrgNotFound(server.delete(keyPath(o1.id(), o1KeyId), o2.token()));
            // O1's key addressed under O2's own organization: the key is not O2's
            assertKeyNotFound(server.get(keyPath(o2.id(), o1KeyId), o2.token()));
            assertKeyNotFound(server.patch(keyPath(o2.id(), o1KeyId), "{\"status\":\"disabled\"}", o2.token()));
            assertKeyNotFound(server.delete(keyPath(o2.id(), o1KeyId), o2.token()));
            // the refusals changed nothing, of either organization (§1.9)
            assertThat(DatabaseState.of(server).changedSince(before)).isEmpty();

            // O2's list holds only O2
            assertThat(ids(server.get(ORGS, o2.token()).json())).containsExactly(o2.id());
            // nothing of O1 changed and its key still works
            JsonNode o1Now = assertOk(server.get(orgPath(o1.id()), o1.token())).json();
            assertThat(o1Now.get("name").asString()).isEqualTo("O1");
            assertThat(assertOk(server.get(keyPath(o1.id(), o1KeyId), o1.token())).json().get("status").asString())
                    .isEqualTo("enabled");
            assertThat(server.get(keysPath(o1.id()), o1.token()).json().get("count").asInt()).isEqualTo(1);
        }

        @Test
        void managedOrganizationCannotSeeItsManager() {
            Tenant a = tenant("Manager");
            tick();
            String b = createOrg(a.token(), orgBody("Managed B")).get("_id").asString();
            tick();
            String sibling = createOrg(a.token(), orgBody("Sibling")).get("_id").asString();
            tick();
            String c = createOrg(a.token(), orgBody("Below B", b)).get("_id").asString();
            JsonNode bKey = createKey(a.token(), b, "{\"name\":\"B key\"}");
            String bToken = login(bKey).json().get("access_token").asString();

            JsonNode list = assertOk(server.get(ORGS, bToken)).json();
            assertThat(ids(list)).containsExactly(b, c);
            assertThat(list.get("data").get(0).get("_type").asString()).isEqualTo("ORGANIZATION");
            assertThat(list.get("data").get(0).get("managed_by_organization_id").asString()).isEqualTo(a.id());
            assertThat(list.get("data").get(1).get("_type").asString()).isEqualTo("MANAGED_ORGANIZATION");

            assertOrgNotFound(server.get(orgPath(a.id()), bToken));
            assertOrgNotFound(server.get(orgPath(sibling), bToken));
            assertOrgNotFound(server.patch(orgPath(a.id()), "{\"name\":\"x\"}", bToken));
            assertOrgNotFound(server.get(keysPath(a.id()), bToken));
            assertOrgNotFound(server.get(keyPath(a.id(), a.key().key().id()), bToken));
            assertOrgNotFound(server.post(ORGS, orgBody("Up", a.id()), bToken));
            assertThat(assertOk(server.get(orgPath(c), bToken)).json().get("_type").asString())
                    .isEqualTo("MANAGED_ORGANIZATION");

            // C's token sees only C
            JsonNode cKey = createKey(a.token(), c, "{\"name\":\"C key\"}");
            String cToken = login(cKey).json().get("access_token").asString();
            assertThat(ids(server.get(ORGS, cToken).json())).containsExactly(c);
            assertOrgNotFound(server.get(orgPath(b), cToken));
            assertOrgNotFound(server.get(orgPath(a.id()), cToken));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // API keys

    @Nested
    class ApiKeys {

        @Test
        void createKeyInOwnOrganization() {
            Tenant a = tenant("A");
            tick();
            HttpResult result = server.post(keysPath(a.id()),
                    "{\"name\":\"Bistro Linde\",\"metadata\":{\"pos\":\"1\",\"none\":null},\"unknown\":1}", a.token());
            JsonNode key = assertOk(result).json();

            assertThat(names(key)).containsExactly("_id", "_type", "_envs", "key", "secret", "created_at",
                    "created_by_user", "name", "status", "metadata", "managed_by_organization_id");
            assertThat(UUID.fromString(key.get("_id").asString()).toString()).isEqualTo(key.get("_id").asString());
            assertThat(key.get("_type").asString()).isEqualTo("API_KEY");
            assertThat(key.get("_envs").toString()).isEqualTo("[\"TEST\"]");
            assertThat(key.get("key").asString()).matches(KEY_FORMAT).endsWith("_bistrolinde");
            assertThat(key.get("secret").asString()).hasSize(43).matches(SECRET_FORMAT);
            assertThat(key.get("created_at").asLong()).isEqualTo(server.clock().instant().getEpochSecond());
            assertThat(key.get("created_by_user").asString()).isEqualTo(a.key().key().id());
            assertThat(key.get("name").asString()).isEqualTo("Bistro Linde");
            assertThat(key.get("status").asString()).isEqualTo("enabled");
            assertThat(key.get("metadata").toString()).isEqualTo("{\"pos\":\"1\"}");
            assertThat(key.get("managed_by_organization_id").asString()).isEmpty();

            // the secret is shown once only
            String id = key.get("_id").asString();
            JsonNode read = assertOk(server.get(keyPath(a.id(), id), a.token())).json();
            assertThat(names(read)).containsExactly("_id", "_type", "_envs", "key", "created_at", "created_by_user",
                    "name", "status", "metadata", "managed_by_organization_id");
            ObjectNode withoutSecret = ((ObjectNode) key).deepCopy();
            withoutSecret.remove("secret");
            assertThat(read).isEqualTo(withoutSecret);
            assertThat(server.get(keysPath(a.id()), a.token()).body()).doesNotContain(key.get("secret").asString());

            // the new key logs in, on both auth paths, for its organization and environment
            JsonNode tokens = assertOk(login(key)).json();
            assertThat(tokens.get("access_token_claims").get("organization_id").asString()).isEqualTo(a.id());
            assertThat(tokens.get("access_token_claims").get("env").asString()).isEqualTo("TEST");
            assertThat(assertOk(server.get(ORGS, tokens.get("access_token").asString())).json().get("data").get(0)
                    .get("_id").asString()).isEqualTo(a.id());
            assertOk(server.post("/api/v0/auth", "{\"api_key\":\"" + key.get("key").asString() + "\",\"api_secret\":\""
                    + key.get("secret").asString() + "\"}", null));
            assertFixedUnauthorized(login(key.get("key").asString(), a.key().secret()));
        }

        @Test
        void keySlugFollowsTheName() {
            Tenant a = tenant("A");
            assertThat(createKey(a.token(), a.id(), "{\"name\":\"!!! ###\"}").get("key").asString())
                    .matches(KEY_FORMAT).endsWith("_key");
            assertThat(createKey(a.token(), a.id(), "{\"name\":\"Filiale Mitte POS\"}").get("key").asString())
                    .endsWith("_filialemittepos");
            String longName = "Abcdefghij Klmnopqrst Uvwxyz 0123456789 tail";
            assertThat(createKey(a.token(), a.id(), "{\"name\":\"" + longName + "\"}").get("key").asString())
                    .endsWith("_abcdefghijklmnopqrstuvwxyz012345");
            JsonNode one = createKey(a.token(), a.id(), "{\"name\":\"Same\"}");
            JsonNode two = createKey(a.token(), a.id(), "{\"name\":\"Same\"}");
            assertThat(one.get("key").asString()).isNotEqualTo(two.get("key").asString());
            assertThat(one.get("secret").asString()).isNotEqualTo(two.get("secret").asString());
        }

        @Test
        void createKeyInManagedOrganization() {
            Tenant a = tenant("A");
            String b = createOrg(a.token(), orgBody("B")).get("_id").asString();
            JsonNode key = createKey(a.token(), b, "{\"name\":\"Filiale Mitte POS\",\"status\":\"enabled\","
                    + "\"metadata\":{},\"managed_by_organization_id\":\"" + UUID.randomUUID() + "\"}");

            assertThat(names(key)).containsExactly("_id", "_type", "_envs", "key", "secret", "created_at",
                    "created_by_user", "name", "status", "metadata", "managed_by_organization_id");
            assertThat(key.get("_type").asString()).isEqualTo("MANAGED_API_KEY");
            assertThat(key.get("_envs").toString()).isEqualTo("[\"TEST\"]");
            assertThat(key.get("key").asString()).matches(KEY_FORMAT).endsWith("_filialemittepos");
            assertThat(key.get("secret").asString()).matches(SECRET_FORMAT);
            assertThat(key.get("created_by_user").asString()).isEqualTo(a.key().key().id());
            assertThat(key.get("managed_by_organization_id").asString()).isEqualTo(a.id());

            // it belongs to B: listed there, not under A
            String id = key.get("_id").asString();
            assertThat(ids(server.get(keysPath(b), a.token()).json())).containsExactly(id);
            assertThat(ids(server.get(keysPath(a.id()), a.token()).json())).doesNotContain(id);
            assertKeyNotFound(server.get(keyPath(a.id(), id), a.token()));
            JsonNode read = assertOk(server.get(keyPath(b, id), a.token())).json();
            assertThat(read.get("managed_by_organization_id").asString()).isEqualTo(a.id());
            assertThat(read.has("secret")).isFalse();

            // its token acts for B
            JsonNode tokens = assertOk(login(key)).json();
            assertThat(tokens.get("access_token_claims").get("organization_id").asString()).isEqualTo(b);
            String bToken = tokens.get("access_token").asString();
            JsonNode own = assertOk(server.get(orgPath(b), bToken)).json();
            assertThat(own.get("_type").asString()).isEqualTo("ORGANIZATION");
            // and B's own keys created by B's token are not managed
            JsonNode bOwn = createKey(bToken, b, "{\"name\":\"B own\"}");
            assertThat(bOwn.get("_type").asString()).isEqualTo("API_KEY");
            assertThat(bOwn.get("managed_by_organization_id").asString()).isEmpty();
            assertThat(bOwn.get("created_by_user").asString()).isEqualTo(id);
        }

        @Test
        void testTokenCannotCreateLiveKeys() {
            Tenant a = tenant("A");
            String b = createOrg(a.token(), orgBody("B")).get("_id").asString();
            for (String org : List.of(a.id(), b)) {
                JsonNode error = assertError(server.post(keysPath(org), "{\"name\":\"Live\",\"env\":\"LIVE\"}",
                        a.token()), 403, "E_ACCESS_DENIED");
                assertThat(error.get("error").asString()).isEqualTo("Forbidden");
            }
            assertThat(server.get(keysPath(a.id()), a.token()).json().get("count").asInt()).isEqualTo(1);
            assertThat(server.get(keysPath(b), a.token()).json().get("count").asInt()).isZero();

            JsonNode test = createKey(a.token(), a.id(), "{\"name\":\"Explicit\",\"env\":\"TEST\"}");
            assertThat(test.get("_envs").toString()).isEqualTo("[\"TEST\"]");
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"x\",\"env\":\"test\"}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"x\",\"env\":\"PROD\"}", a.token()));
        }

        @Test
        void liveTokenCreatesLiveKeysByDefaultAndMayCreateTestKeys() {
            Tenant live = tenant("Live org", Environment.LIVE);
            JsonNode liveKey = createKey(live.token(), live.id(), "{\"name\":\"Kasse\"}");
            assertThat(liveKey.get("_envs").toString()).isEqualTo("[\"LIVE\"]");
            assertThat(liveKey.get("key").asString()).matches(LIVE_KEY_FORMAT);
            assertThat(assertOk(login(liveKey)).json().get("access_token_claims").get("env").asString())
                    .isEqualTo("LIVE");

            JsonNode testKey = createKey(live.token(), live.id(), "{\"name\":\"Kasse\",\"env\":\"TEST\"}");
            assertThat(testKey.get("_envs").toString()).isEqualTo("[\"TEST\"]");
            assertThat(testKey.get("key").asString()).matches(KEY_FORMAT);
        }

        @Test
        void createValidatesTheBody() {
            Tenant a = tenant("A");
            JsonNode missing = assertError(server.post(keysPath(a.id()), "{}", a.token()), 400,
                    "E_FAILED_SCHEMA_VALIDATION");
            assertThat(missing.get("message").asString()).isEqualTo("body must have required property 'name'");
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"\"}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"" + "n".repeat(101) + "\"}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":7}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"x\",\"status\":\"paused\"}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"x\",\"status\":\"ENABLED\"}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "{\"name\":\"x\",\"metadata\":[]}", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "[]", a.token()));
            assertSchemaError(server.post(keysPath(a.id()), "", a.token()));
            assertThat(server.get(keysPath(a.id()), a.token()).json().get("count").asInt()).isEqualTo(1);
            assertThat(createKey(a.token(), a.id(), "{\"name\":\"" + "n".repeat(100) + "\"}").get("name").asString())
                    .hasSize(100);
        }

        @Test
        void keyCreatedDisabledCannotLogIn() {
            Tenant a = tenant("A");
            JsonNode key = createKey(a.token(), a.id(), "{\"name\":\"Off\",\"status\":\"disabled\"}");
            assertThat(key.get("status").asString()).isEqualTo("disabled");
            assertFixedUnauthorized(login(key));
        }

        @Test
        void listFiltersByStatusAndPages() {
            Tenant a = tenant("A");
            String first = a.key().key().id();
            tick();
            String on = createKey(a.token(), a.id(), "{\"name\":\"On\"}").get("_id").asString();
            tick();
            String off = createKey(a.token(), a.id(), "{\"name\":\"Off\",\"status\":\"disabled\"}").get("_id").asString();
            tick();
            String later = createKey(a.token(), a.id(), "{\"name\":\"Later\"}").get("_id").asString();

            JsonNode all = assertOk(server.get(keysPath(a.id()), a.token())).json();
            assertThat(names(all)).containsExactlyElementsOf(LIST_KEYS);
            assertThat(all.get("_type").asString()).isEqualTo("API_KEY_LIST");
            assertThat(all.get("count").asInt()).isEqualTo(4);
            assertThat(ids(all)).containsExactly(first, on, off, later);
            for (JsonNode item : all.get("data")) {
                assertThat(names(item)).containsExactly("_id", "_type", "_envs", "key", "created_at",
                        "created_by_user", "name", "status", "metadata", "managed_by_organization_id");
                assertThat(item.get("_type").asString()).isEqualTo("API_KEY");
            }
            assertThat(all.get("data").get(0).get("created_by_user").isNull()).isTrue();
            assertThat(all.get("data").get(1).get("created_by_user").asString()).isEqualTo(first);

            assertThat(ids(server.get(keysPath(a.id()) + "?status=enabled", a.token()).json()))
                    .containsExactly(first, on, later);
            JsonNode disabled = assertOk(server.get(keysPath(a.id()) + "?status=disabled", a.token())).json();
            assertThat(disabled.get("count").asInt()).isEqualTo(1);
            assertThat(ids(disabled)).containsExactly(off);
            assertThat(ids(server.get(keysPath(a.id()) + "?status=enabled&limit=2&offset=1", a.token()).json()))
                    .containsExactly(on, later);
            assertThat(ids(server.get(keysPath(a.id()) + "?limit=1&offset=3", a.token()).json()))
                    .containsExactly(later);

            for (String bad : List.of("ENABLED", "deleted", "", "enabled&status=disabled")) {
                assertSchemaError(server.get(keysPath(a.id()) + "?status=" + bad, a.token()));
            }
        }

        @Test
        void patchChangesNameStatusAndMetadataButNeverTheKey() {
            Tenant a = tenant("A");
            JsonNode created = createKey(a.token(), a.id(), "{\"name\":\"Old name\",\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
            String id = created.get("_id").asString();
            tick();

            JsonNode patched = assertOk(server.patch(keyPath(a.id(), id), """
                    {"name":"New name","metadata":{"b":"","c":"3"},"key":"test_x_y","env":"LIVE",
                     "managed_by_organization_id":"%s"}""".formatted(UUID.randomUUID()), a.token())).json();
            assertThat(names(patched)).containsExactly("_id", "_type", "_envs", "key", "created_at", "created_by_user",
                    "name", "status", "metadata", "managed_by_organization_id");
            assertThat(patched.get("_id").asString()).isEqualTo(id);
            assertThat(patched.get("_type").asString()).isEqualTo("API_KEY");
            assertThat(patched.get("_envs").toString()).isEqualTo("[\"TEST\"]");
            assertThat(patched.get("key").asString()).isEqualTo(created.get("key").asString());
            assertThat(patched.get("name").asString()).isEqualTo("New name");
            assertThat(patched.get("status").asString()).isEqualTo("enabled");
            assertThat(patched.get("created_at").asLong()).isEqualTo(created.get("created_at").asLong());
            assertThat(patched.get("created_by_user").asString()).isEqualTo(a.key().key().id());
            assertThat(patched.get("managed_by_organization_id").asString()).isEmpty();
            assertThat(names(patched.get("metadata"))).containsExactlyInAnyOrder("a", "c");
            assertThat(patched.get("metadata").get("a").asString()).isEqualTo("1");
            assertThat(patched.get("metadata").get("c").asString()).isEqualTo("3");
            assertThat(patched.has("secret")).isFalse();
            assertThat(assertOk(server.get(keyPath(a.id(), id), a.token())).json()).isEqualTo(patched);

            // the old secret still works after a rename
            assertOk(login(created.get("key").asString(), created.get("secret").asString()));

            JsonNode before = patched;
            assertSchemaError(server.patch(keyPath(a.id(), id), "{\"name\":\"\"}", a.token()));
            assertSchemaError(server.patch(keyPath(a.id(), id), "{\"name\":\"x\",\"status\":\"off\"}", a.token()));
            assertSchemaError(server.patch(keyPath(a.id(), id), "{\"status\":null}", a.token()));
            assertSchemaError(server.patch(keyPath(a.id(), id), "{\"metadata\":\"x\"}", a.token()));
            assertSchemaError(server.patch(keyPath(a.id(), id), "", a.token()));
            assertThat(assertOk(server.get(keyPath(a.id(), id), a.token())).json()).isEqualTo(before);
        }

        @Test
        void disablingAKeyStopsItsLoginsAndTokensAtOnceAndReEnablingRestoresLogin() {
            Tenant a = tenant("A");
            JsonNode key = createKey(a.token(), a.id(), "{\"name\":\"POS\"}");
            String id = key.get("_id").asString();
            JsonNode tokens = assertOk(login(key)).json();
            String posToken = tokens.get("access_token").asString();
            // used once, so that the server has the token's status cached as usable
            assertOk(server.get(ORGS, posToken));

            JsonNode disabled = assertOk(server.patch(keyPath(a.id(), id), "{\"status\":\"disabled\"}", a.token())).json();
            assertThat(disabled.get("status").asString()).isEqualTo("disabled");
            assertThat(disabled.get("key").asString()).isEqualTo(key.get("key").asString());

            assertFixedUnauthorized(login(key));
            assertRevoked(server.get(ORGS, posToken));
            assertFixedUnauthorized(server.post("/api/v2/auth",
                    "{\"refresh_token\":\"" + tokens.get("refresh_token").asString() + "\"}", null));
            // the caller's own key is unaffected
            assertOk(server.get(ORGS, a.token()));

            JsonNode enabled = assertOk(server.patch(keyPath(a.id(), id), "{\"status\":\"enabled\"}", a.token())).json();
            assertThat(enabled.get("status").asString()).isEqualTo("enabled");
            String fresh = assertOk(login(key)).json().get("access_token").asString();
            assertOk(server.get(ORGS, fresh));
        }

        @Test
        void callerMayDisableTheKeyItIsUsing() {
            Tenant a = tenant("A");
            String ownId = a.key().key().id();
            JsonNode result = assertOk(server.patch(keyPath(a.id(), ownId), "{\"status\":\"disabled\"}", a.token())).json();
            assertThat(result.get("status").asString()).isEqualTo("disabled");
            assertThat(result.get("created_by_user").isNull()).isTrue();
            assertRevoked(server.get(ORGS, a.token()));
            assertFixedUnauthorized(login(a.key().key().key(), a.key().secret()));
        }

        @Test
        void deletingAKeyAnswersItOnceThenItIsGone() {
            Tenant a = tenant("A");
            String b = createOrg(a.token(), orgBody("B")).get("_id").asString();
            JsonNode key = createKey(a.token(), b, "{\"name\":\"Doomed\",\"metadata\":{\"m\":\"1\"}}");
            String id = key.get("_id").asString();
            String posToken = assertOk(login(key)).json().get("access_token").asString();
            assertOk(server.get(ORGS, posToken));
            JsonNode before = assertOk(server.get(keyPath(b, id), a.token())).json();

            JsonNode deleted = assertOk(server.delete(keyPath(b, id), a.token())).json();
            assertThat(deleted).isEqualTo(before);
            assertThat(deleted.has("secret")).isFalse();
            assertThat(deleted.get("status").asString()).isEqualTo("enabled");

            assertKeyNotFound(server.get(keyPath(b, id), a.token()));
            assertKeyNotFound(server.patch(keyPath(b, id), "{\"status\":\"enabled\"}", a.token()));
            assertKeyNotFound(server.delete(keyPath(b, id), a.token()));
            assertThat(ids(server.get(keysPath(b), a.token()).json())).doesNotContain(id);
            assertThat(server.get(keysPath(b) + "?status=enabled", a.token()).json().get("count").asInt()).isZero();
            assertFixedUnauthorized(login(key));
            assertRevoked(server.get(ORGS, posToken));
        }

        @Test
        void callerMayDeleteTheKeyItIsUsing() {
            Tenant a = tenant("A");
            String ownId = a.key().key().id();
            assertOk(server.delete(keyPath(a.id(), ownId), a.token()));
            assertRevoked(server.get(ORGS, a.token()));
            assertFixedUnauthorized(login(a.key().key().key(), a.key().secret()));
        }

        @Test
        void keyOfAnotherOrganizationIsNotFound() {
            Tenant a = tenant("A");
            String b = createOrg(a.token(), orgBody("B")).get("_id").asString();
            String bKey = createKey(a.token(), b, "{\"name\":\"B key\"}").get("_id").asString();
            String aKey = a.key().key().id();
            String unknown = UUID.randomUUID().toString();

            // both organizations are in scope, but each key only belongs to its own
            for (String[] wrong : new String[][] {{a.id(), bKey}, {b, aKey}, {a.id(), unknown}}) {
                HttpResult get = server.get(keyPath(wrong[0], wrong[1]), a.token());
                assertKeyNotFound(get);
                assertKeyNotFound(server.patch(keyPath(wrong[0], wrong[1]), "{\"name\":\"x\"}", a.token()));
                assertKeyNotFound(server.delete(keyPath(wrong[0], wrong[1]), a.token()));
            }
            assertThat(server.get(keyPath(a.id(), bKey), a.token()).body())
                    .isEqualTo(server.get(keyPath(a.id(), unknown), a.token()).body());
            // still there and unchanged
            assertThat(assertOk(server.get(keyPath(b, bKey), a.token())).json().get("name").asString())
                    .isEqualTo("B key");
        }

        @Test
        void malformedKeyIdIsSchemaError() {
            Tenant a = tenant("A");
            for (String bad : List.of("nope", "123", a.key().key().id() + "f", a.key().key().key())) {
                JsonNode body = assertError(server.get(keyPath(a.id(), bad), a.token()), 400,
                        "E_FAILED_SCHEMA_VALIDATION");
                assertThat(body.get("message").asString()).isEqualTo("params/api_key_id must match format \"uuid\"");
                assertSchemaError(server.patch(keyPath(a.id(), bad), "{\"name\":\"x\"}", a.token()));
                assertSchemaError(server.delete(keyPath(a.id(), bad), a.token()));
            }
            // the key is still there and usable
            assertOk(server.get(keyPath(a.id(), a.key().key().id().toUpperCase()), a.token()));
            assertOk(server.get(ORGS, a.token()));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // metadata (§11)

    @Nested
    class MetadataRules {

        @Test
        void organizationMetadataLimits() {
            Tenant a = tenant("A");
            String base = orgBody("M").substring(0, orgBody("M").length() - 1);
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":" + metadataJson(41) + "}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"n\":1}}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"n\":true}}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"n\":{\"x\":\"y\"}}}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"n\":[\"x\"]}}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"" + "k".repeat(41) + "\":\"v\"}}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"\":\"v\"}}", a.token()));
            assertSchemaError(server.post(ORGS, base + ",\"metadata\":{\"k\":\"" + "v".repeat(501) + "\"}}", a.token()));
            assertThat(server.get(ORGS, a.token()).json().get("count").asInt()).isEqualTo(1);

            JsonNode org = createOrg(a.token(), base + ",\"metadata\":" + metadataJson(40) + "}");
            assertThat(org.get("metadata").size()).isEqualTo(40);
            String id = org.get("_id").asString();
            JsonNode edge = createOrg(a.token(), base + ",\"metadata\":{\"" + "k".repeat(40) + "\":\"" + "ü".repeat(500)
                    + "\"}}");
            assertThat(edge.get("metadata").get("k".repeat(40)).asString()).hasSize(500);

            // a 41st key after merge is refused and nothing changes, also not the other fields
            JsonNode refused = assertError(server.patch(orgPath(id), "{\"name\":\"Changed\",\"metadata\":{\"extra\":\"x\"}}",
                    a.token()), 400, "E_FAILED_SCHEMA_VALIDATION");
            assertThat(refused.get("message").asString()).isEqualTo("body/metadata must NOT have more than 40 properties");
            JsonNode unchanged = assertOk(server.get(orgPath(id), a.token())).json();
            assertThat(unchanged).isEqualTo(org);

            // removing one key (null) and adding another in the same request stays at 40
            JsonNode swapped = assertOk(server.patch(orgPath(id), "{\"metadata\":{\"k0\":null,\"k1\":\"\",\"extra\":\"x\"}}",
                    a.token())).json();
            assertThat(swapped.get("metadata").size()).isEqualTo(39);
            assertThat(swapped.get("metadata").has("k0")).isFalse();
            assertThat(swapped.get("metadata").has("k1")).isFalse();
            assertThat(swapped.get("metadata").get("extra").asString()).isEqualTo("x");
            assertThat(swapped.get("metadata").get("k2").asString()).isEqualTo("v2");

            assertSchemaError(server.patch(orgPath(id), "{\"metadata\":{\"k2\":2}}", a.token()));
            assertSchemaError(server.patch(orgPath(id), "{\"metadata\":{\"k2\":false}}", a.token()));
            assertThat(assertOk(server.get(orgPath(id), a.token())).json()).isEqualTo(swapped);
        }

        @Test
        void apiKeyMetadataLimits() {
            Tenant a = tenant("A");
            String keys = keysPath(a.id());
            assertSchemaError(server.post(keys, "{\"name\":\"x\",\"metadata\":" + metadataJson(41) + "}", a.token()));
            assertSchemaError(server.post(keys, "{\"name\":\"x\",\"metadata\":{\"n\":12}}", a.token()));
            assertSchemaError(server.post(keys, "{\"name\":\"x\",\"metadata\":{\"n\":[]}}", a.token()));
            assertThat(server.get(keys, a.token()).json().get("count").asInt()).isEqualTo(1);

            JsonNode key = createKey(a.token(), a.id(), "{\"name\":\"x\",\"metadata\":" + metadataJson(40) + "}");
            String id = key.get("_id").asString();
            assertThat(key.get("metadata").size()).isEqualTo(40);
            assertSchemaError(server.patch(keyPath(a.id(), id),
                    "{\"status\":\"disabled\",\"metadata\":{\"one_more\":\"x\"}}", a.token()));
            JsonNode after = assertOk(server.get(keyPath(a.id(), id), a.token())).json();
            assertThat(after.get("status").asString()).isEqualTo("enabled");
            assertThat(after.get("metadata").size()).isEqualTo(40);

            JsonNode patched = assertOk(server.patch(keyPath(a.id(), id),
                    "{\"metadata\":{\"k0\":null,\"k1\":\"\",\"k2\":\"new\"}}", a.token())).json();
            assertThat(patched.get("metadata").size()).isEqualTo(38);
            assertThat(patched.get("metadata").has("k0")).isFalse();
            assertThat(patched.get("metadata").has("k1")).isFalse();
            assertThat(patched.get("metadata").get("k2").asString()).isEqualTo("new");
            assertThat(patched.get("metadata").get("k3").asString()).isEqualTo("v3");
            assertSchemaError(server.patch(keyPath(a.id(), id), "{\"metadata\":{\"k2\":1.5}}", a.token()));
        }

        @Test
        void malformedBodyIsRefusedBeforeTheOrganizationIsLookedUp() {
            // §1.9: body schema (step 5) comes before the 404 of the addressed resource (step 6)
            Tenant a = tenant("A");
            Tenant stranger = tenant("Stranger");
            String strangerKey = stranger.key().key().id();
            assertSchemaError(server.patch(orgPath(stranger.id()), "{\"metadata\":{\"n\":1}}", a.token()));
            assertSchemaError(server.patch(orgPath(stranger.id()), "{\"name\":\"\"}", a.token()));
            assertSchemaError(server.patch(keyPath(stranger.id(), strangerKey), "{\"metadata\":{\"n\":1}}", a.token()));
            assertSchemaError(server.post(keysPath(stranger.id()), "{\"name\":\"x\",\"metadata\":{\"n\":1}}", a.token()));
            assertSchemaError(server.post(ORGS, orgBody("X", stranger.id()).replace("}", ",\"metadata\":{\"n\":1}}"),
                    a.token()));
        }
    }
}
