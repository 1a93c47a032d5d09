package org.opentss.cli;

import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.http.Json;
import org.opentss.pos.PosTimes;
import org.opentss.pos.account.SetupTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code opentss setup-token …}: the operator hands an integrator the way to its first POS API key (pos-api.md §4.4). */
@Command(name = "setup-token", mixinStandardHelpOptions = true,
        description = "Create setup tokens, which exchange once for an organization's first POS API platform key.",
        subcommands = {SetupTokenCommand.Create.class})
public final class SetupTokenCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a setup token for an organization (valid 7 days, one use; shown only this once).")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--org", required = true, paramLabel = "ORG_ID",
                description = "The organization: its UUID or its POS API id (org_…).")
        String org;

        @Option(names = "--json", description = "Print the token as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            LogSetup.quiet();
            try (Application app = options.openApplication()) {
                SetupTokens.Issued issued = app.setupTokens().create(OrganizationArgument.resolve(app, org));
                String expiresAt = PosTimes.millis(issued.expiresAtMillis());
                if (json) {
                    ObjectNode node = Json.object();
                    node.put("setup_token", issued.token());
                    node.put("organization_id", issued.posOrganizationId());
                    node.put("tss_organization_id", issued.organizationId());
                    node.put("expires_at", expiresAt);
                    System.out.println(Json.writeString(node));
                } else {
                    System.out.println(issued.token());
                    System.out.println("Setup token for organization " + issued.posOrganizationId() + " ("
                            + issued.organizationId() + "), valid until " + expiresAt + " for one exchange with "
                            + "POST /v1/auth/bootstrap. It is shown only this once.");
                }
            }
            return 0;
        }
    }
}
