package org.opentss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentss.identity.Environment;
import org.opentss.testing.Bytes;
import org.opentss.testing.CliRun;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/** {@code opentss verify} as an auditor runs it: a report, and an exit code that says whether anything is wrong. */
class VerifyCommandIT {

    @TempDir
    Path dir;

    @Test
    void verifiesExportsAndQrCodesWithExitCodes() throws Exception {
        Path tar = dir.resolve("export.tar");
        Path root = dir.resolve("root.der");
        String qr;
        try (TestServer server = TestServer.start()) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("Audit").id(), Environment.TEST));
            ProvisionedTss tss = ProvisionedTss.provision(server, token, 1);
            String tx = tss.path() + "/tx/" + UUID.randomUUID();
            server.put(tx + "?tx_revision=1", "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token);
            qr = server.put(tx + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\"" + tss.clientId() + "\"}",
                    token).json().get("qr_code_data").asString();
            Files.write(tar, server.fullExport(tss.tssId(), token));
            Files.write(root, server.app().rootCertificate());
        }

        CliRun valid = CliRun.of("verify", tar.toString(), "--trust-anchor", root.toString(), "--expect-contiguous",
                "--expect-first-counter", "1");
        assertThat(valid.exitCode()).as(valid.out()).isZero();
        assertThat(valid.out()).contains("9 logs (signature counters 1–9)").contains("VALID: 0 errors, 0 warnings");

        byte[] tampered = Files.readAllBytes(tar);
        int data = Bytes.indexOf(tampered, "AVBelegabbruch".getBytes(), 0);
        tampered[data] ^= 0x01;
        Path bad = dir.resolve("tampered.tar");
        Files.write(bad, tampered);
        CliRun invalid = CliRun.of("verify", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.out()).contains("ERROR E5").contains("INVALID");

        assertThat(CliRun.of("verify", dir.resolve("missing.tar").toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("verify").exitCode()).isEqualTo(2);

        CliRun qrValid = CliRun.of("verify", "--qr", qr, tar.toString());
        assertThat(qrValid.exitCode()).as(qrValid.out()).isZero();
        assertThat(CliRun.of("verify", "--qr", qr.replace("AVBelegabbruch", "AVBelegabbrucH")).exitCode()).isEqualTo(1);
    }

}
