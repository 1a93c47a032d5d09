package org.opentss.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.http.Json;
import org.opentss.identity.NewOrganization;
import org.opentss.identity.Organization;
import org.opentss.identity.OrganizationsApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code opentss org …}: the operator creates the first organizations of an installation. */
@Command(name = "org", mixinStandardHelpOptions = true, description = "Create and list organizations.",
        subcommands = {OrgCommand.Create.class, OrgCommand.ListOrgs.class})
public final class OrgCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organization.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--name", required = true, description = "Name (1–200 characters).")
        String name;

        @Option(names = "--parent", paramLabel = "ORG_ID", description = "Id of the organization that manages the new one.")
        String parent;

        @Option(names = "--address-line1", description = "Street and number.", defaultValue = "")
        String addressLine1;

        @Option(names = "--zip", description = "Postal code.", defaultValue = "")
        String zip;

        @Option(names = "--town", description = "Town.", defaultValue = "")
        String town;

        @Option(names = "--country-code", description = "ISO 3166-1 alpha-3 code (default ${DEFAULT-VALUE}).",
                defaultValue = "DEU")
        String countryCode;

        @Option(names = "--tax-number", description = "Tax number.")
        String taxNumber;

        @Option(names = "--json", description = "Print the organization as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            LogSetup.quiet();
            CliInput.length("--name", name, 1, 200);
            CliInput.length("--address-line1", addressLine1, 0, 200);
            CliInput.length("--zip", zip, 0, 20);
            CliInput.length("--town", town, 0, 100);
            String country = CliInput.countryCode(countryCode);
            Optional<String> parentId = Optional.ofNullable(parent).map(p -> CliInput.uuid("--parent", p));
            try (Application app = options.openApplication()) {
                Organization org = app.organizationService().create(new NewOrganization(parentId, name, addressLine1,
                        Optional.empty(), zip, town, Optional.empty(), country,
                        Optional.ofNullable(taxNumber).filter(t -> !t.isBlank()), Map.of()), null);
                // the POS API names the same organization by an org_ id (pos-api.md §10.1)
                String posId = app.database().inTransaction(h -> app.posDirectory().ensurePosId(h, org.id()));
                if (json) {
                    ObjectNode node = OrganizationsApi.render(org, org.id());
                    node.put("pos_organization_id", posId);
                    System.out.println(Json.writeString(node));
                } else {
                    System.out.println("Created organization " + org.id() + " (" + org.name() + "), POS API id " + posId);
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all organizations.")
    static final class ListOrgs implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            LogSetup.quiet();
            try (Application app = options.openApplication()) {
                System.out.printf("%-36s  %-36s  %s%n", "ID", "MANAGED BY", "NAME");
                for (Organization org : app.organizations().listAll()) {
                    System.out.printf(Locale.ROOT, "%-36s  %-36s  %s%n", org.id(), org.managedBy().orElse("-"), org.name());
                }
            }
            return 0;
        }
    }
}
