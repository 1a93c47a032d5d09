package org.opentss.cli;

import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.http.Json;
import org.opentss.identity.HubAccountRefused;
import org.opentss.identity.HubAccounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code opentss hub-user …}: the operator gives people access to the HUB web dashboard. */
@Command(name = "hub-user", mixinStandardHelpOptions = true,
        description = "Create HUB users (people who sign in to the web dashboard at /hub).",
        subcommands = {HubUserCommand.Create.class})
public final class HubUserCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a HUB user who belongs to an organization; prints a generated password once.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The address the user signs in with.")
        String email;

        @Option(names = "--org", required = true, paramLabel = "ORG_ID",
                description = "The organization the user belongs to (and so every organization it manages): "
                        + "its UUID or its POS API id (org_…).")
        String org;

        @Option(names = "--json", description = "Print the user as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            LogSetup.quiet();
            try (Application app = options.openApplication()) {
                String organizationId = OrganizationArgument.resolve(app, org);
                HubAccounts.CreatedUser created;
                try {
                    created = app.hubAccounts().createMember(email, organizationId);
                } catch (HubAccountRefused refused) {
                    throw new IllegalArgumentException("--email: " + refused.getMessage());
                }
                if (json) {
                    ObjectNode node = Json.object();
                    node.put("id", created.user().id());
                    node.put("email", created.user().email());
                    node.put("organization_id", organizationId);
                    node.put("password", created.password());
                    System.out.println(Json.writeString(node));
                } else {
                    System.out.println(created.password());
                    System.out.println("HUB user " + created.user().email() + " can sign in at /hub/sign-in with the "
                            + "password above, which is shown only this once.");
                }
            }
            return 0;
        }
    }
}
