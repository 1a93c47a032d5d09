package org.opentss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A TSS taken through the getting-started flow over HTTP (personalized, PIN set, initialized, clients
 * registered, admin logged out), for tests whose subject comes after it.
 */
public record ProvisionedTss(String tssId, String puk, String pin, byte[] publicKey, List<String> clientIds) {

    public static final String PIN = "123456";

    public static ProvisionedTss provision(HttpApi server, String token, int clients) {
        String tssId = UUID.randomUUID().toString();
        HttpResult created = server.put("/api/v2/tss/" + tssId, "{}", token);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String puk = created.json().get("admin_puk").asString();
        byte[] publicKey = Base64.getDecoder().decode(created.json().get("public_key").asString());
        expectOk(server.patch("/api/v2/tss/" + tssId, "{\"state\":\"UNINITIALIZED\"}", token));
        expectOk(server.patch("/api/v2/tss/" + tssId + "/admin", "{\"admin_puk\":\"" + puk + "\",\"new_admin_pin\":\""
                + PIN + "\"}", token));
        expectOk(server.post("/api/v2/tss/" + tssId + "/admin/auth", "{\"admin_pin\":\"" + PIN + "\"}", token));
        expectOk(server.patch("/api/v2/tss/" + tssId, "{\"state\":\"INITIALIZED\"}", token));
        List<String> clientIds = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String clientId = UUID.randomUUID().toString();
            expectOk(server.put("/api/v2/tss/" + tssId + "/client/" + clientId,
                    "{\"serial_number\":\"KASSE-" + i + "\"}", token));
            clientIds.add(clientId);
        }
        expectOk(server.post("/api/v2/tss/" + tssId + "/admin/logout", "{}", token));
        return new ProvisionedTss(tssId, puk, PIN, publicKey, List.copyOf(clientIds));
    }

    public String clientId() {
        return clientIds.getFirst();
    }

    public String path() {
        return "/api/v2/tss/" + tssId;
    }

    private static void expectOk(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }
}
