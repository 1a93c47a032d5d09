package org.opentss.pos.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opentss.testing.PosAssertions.assertUnauthorized;
import static org.opentss.testing.PosAssertions.fieldNames;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.testing.CliRun;
import org.opentss.testing.HttpResult;
import org.opentss.testing.PosClient;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/** {@code opentss setup-token create}: the operator's half of the bootstrap (pos-api.md §4.4). */
@Tag(TestServer.EXPLICIT_DATABASE)
class SetupTokenCliIT {

    @TempDir
    Path dataDir;

    private CliRun cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        return CliRun.of(all);
    }

    @Test
    void aTokenFromTheCliExchangesOnceOnAServerOfTheSameDataDirectory() {
        CliRun org = cli("org", "create", "--name", "Kassensoft GmbH", "--json");
        assertThat(org.exitCode()).as(org.err()).isZero();
        String organizationId = org.json().get("_id").asString();
        String posId = org.json().get("pos_organization_id").asString();
        assertThat(posId).matches("org_[0-9A-Z]{26}");

        Instant before = Instant.now();
        CliRun json = cli("setup-token", "create", "--org", posId, "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out().strip()).doesNotContain("\n");
        JsonNode issued = json.json();
        assertThat(fieldNames(issued)).containsExactly("setup_token", "organization_id", "tss_organization_id",
                "expires_at");
        String token = issued.get("setup_token").asString();
        assertThat(token).matches("ofk_setup_[0-9A-Za-z]{32}");
        assertThat(issued.get("organization_id").asString()).isEqualTo(posId);
        assertThat(issued.get("tss_organization_id").asString()).isEqualTo(organizationId);
        assertThat(Instant.parse(issued.get("expires_at").asString()))
                .isBetween(before.plus(Duration.ofDays(7)).minusSeconds(1), Instant.now().plus(Duration.ofDays(7)));

        CliRun human = cli("setup-token", "create", "--org", organizationId);
        assertThat(human.exitCode()).as(human.err()).isZero();
        String secondToken = human.out().lines().findFirst().orElseThrow();
        assertThat(secondToken).matches("ofk_setup_[0-9A-Za-z]{32}");
        assertThat(human.out()).contains(posId, "shown only this once");

        try (TestServer server = TestServer.start(Map.of("OPENTSS_DATA_DIR", dataDir.toString()))) {
            PosClient anonymous = PosClient.anonymous(server);
            HttpResult key = anonymous.post("/v1/auth/bootstrap", "{\"setup_token\":\"" + token + "\"}");
            assertThat(key.status()).as(key.body()).isEqualTo(201);
            assertThat(key.json().get("organization_id").asString()).isEqualTo(posId);
            assertUnauthorized(anonymous.post("/v1/auth/bootstrap", "{\"setup_token\":\"" + token + "\"}"));
            assertThat(anonymous.post("/v1/auth/bootstrap", "{\"setup_token\":\"" + secondToken + "\"}").status())
                    .isEqualTo(201);
        }
    }

    @Test
    void anUnknownOrMalformedOrganizationIsNamed() {
        CliRun unknownUuid = cli("setup-token", "create", "--org", "8aff8f80-eac5-4e20-9431-754baccd5330");
        assertThat(unknownUuid.exitCode()).isEqualTo(1);
        assertThat(unknownUuid.err()).contains("organization 8aff8f80-eac5-4e20-9431-754baccd5330 does not exist");

        CliRun unknownPosId = cli("setup-token", "create", "--org", "org_01KKBFJYM02CNDSQ4A424ZD88X");
        assertThat(unknownPosId.exitCode()).isEqualTo(1);
        assertThat(unknownPosId.err()).contains("organization org_01KKBFJYM02CNDSQ4A424ZD88X does not exist");

        CliRun malformed = cli("setup-token", "create", "--org", "Kassensoft");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).contains("--org must be an organization UUID or org_ id (got 'Kassensoft')");

        assertThat(cli("setup-token", "create").exitCode()).isEqualTo(2);
    }
}
