package org.opentss;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.testing.HttpResult;
import org.opentss.testing.CliRun;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** The operator's headless start: CLI commands on the same database as a server, also while it runs. */
@Tag(TestServer.EXPLICIT_DATABASE)
class CliIT {

    @TempDir
    Path dataDir;

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    private String dir() {
        return dataDir.toString();
    }

    private HttpResult login(TestServer server, JsonNode key) {
        return server.post("/api/v2/auth", "{\"api_key\":\"" + key.get("key").asString() + "\",\"api_secret\":\""
                + key.get("secret").asString() + "\"}", null);
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = cli("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("serve", "migrate", "org", "api-key");
    }

    @Test
    void orgAndKeyFromTheCliLogInOnAServerOfTheSameDataDirectory() {
        CliRun org = cli("org", "create", "--name", "Bistro Linde", "--data-dir", dir(), "--json");
        assertThat(org.exitCode()).as(org.err()).isZero();
        String orgId = org.json().get("_id").asString();
        assertThat(org.json().get("name").asString()).isEqualTo("Bistro Linde");
        assertThat(org.json().get("_type").asString()).isEqualTo("ORGANIZATION");

        CliRun key = cli("api-key", "create", "--org", orgId, "--name", "Kasse 1", "--data-dir", dir(), "--json");
        assertThat(key.exitCode()).as(key.err()).isZero();
        JsonNode created = key.json();
        assertThat(created.get("_id").asString()).isNotBlank();
        assertThat(created.get("key").asString()).matches("test_[a-z0-9]{24}_kasse1");
        assertThat(created.get("secret").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(key.out().strip()).doesNotContain("\n"); // one JSON object, nothing else

        try (TestServer server = TestServer.start(Map.of("OPENTSS_DATA_DIR", dir()))) {
            HttpResult login = login(server, created);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().get("access_token_claims").get("organization_id").asString()).isEqualTo(orgId);

            // while the server runs: a second key, then the first one disabled
            JsonNode second = cli("api-key", "create", "--org", orgId, "--env", "LIVE", "--data-dir", dir(), "--json").json();
            assertThat(second.get("_envs").get(0).asString()).isEqualTo("LIVE");
            CliRun disable = cli("api-key", "disable", created.get("key").asString(), "--data-dir", dir());
            assertThat(disable.exitCode()).as(disable.err()).isZero();

            assertThat(login(server, created).status()).isEqualTo(401);
            assertThat(login(server, second).status()).isEqualTo(200);
        }

        CliRun list = cli("api-key", "list", "--org", orgId, "--data-dir", dir());
        assertThat(list.out()).contains(created.get("key").asString() , "disabled", "enabled", "LIVE");
    }

    @Test
    void aManagedOrganizationNamesItsParent() {
        String parent = cli("org", "create", "--name", "Platform", "--data-dir", dir(), "--json").json().get("_id").asString();
        CliRun child = cli("org", "create", "--name", "Filiale", "--parent", parent, "--data-dir", dir(), "--json");
        assertThat(child.json().get("managed_by_organization_id").asString()).isEqualTo(parent);
        assertThat(cli("org", "list", "--data-dir", dir()).out()).contains("Platform", "Filiale", parent);
    }

    @Test
    void badInputIsNamed() {
        CliRun unknownOrg = cli("api-key", "create", "--org", "8aff8f80-eac5-4e20-9431-754baccd5330", "--data-dir", dir());
        assertThat(unknownOrg.exitCode()).isEqualTo(1);
        assertThat(unknownOrg.err()).contains("organization 8aff8f80-eac5-4e20-9431-754baccd5330 does not exist");

        CliRun badEnv = cli("api-key", "create", "--org", "8aff8f80-eac5-4e20-9431-754baccd5330", "--env", "PROD",
                "--data-dir", dir());
        assertThat(badEnv.exitCode()).isEqualTo(2);
        assertThat(badEnv.err()).contains("--env");

        CliRun badParent = cli("org", "create", "--name", "X", "--parent", "not-a-uuid", "--data-dir", dir());
        assertThat(badParent.exitCode()).isEqualTo(1);
        assertThat(badParent.err()).contains("--parent must be a UUID");
    }

    @Test
    void anInvalidConfigurationStopsWithTheSettingNamed() throws IOException {
        Path file = dataDir.resolve("bad.properties");
        Files.writeString(file, "OPENTSS_PORT=eighty\n");
        CliRun run = cli("serve", "--config", file.toString(), "--data-dir", dir());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("OPENTSS_PORT: must be a whole number (got 'eighty')");
    }

    @Test
    void migrateCreatesTheSchema() {
        CliRun run = cli("migrate", "--data-dir", dir());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("up to date");
        assertThat(dataDir.resolve("opentss.db")).exists();
        assertThat(dataDir.resolve("master.key")).exists();
    }
}
