package org.opentss.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.http.Json;
import org.opentss.identity.ApiKey;
import org.opentss.identity.ApiKeysApi;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opentss api-key …}: the operator creates, lists and disables API keys. */
@Command(name = "api-key", mixinStandardHelpOptions = true, description = "Create, list and disable API keys.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Disable.class})
public final class ApiKeyCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print its key and secret (the secret is shown only this once).")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "Organization the key belongs to.")
        String org;

        @Option(names = "--env", defaultValue = "TEST", description = "TEST or LIVE (default ${DEFAULT-VALUE}).")
        Environment env;

        @Option(names = "--name", defaultValue = "API key", description = "Name, 1–100 characters (default '${DEFAULT-VALUE}').")
        String name;

        @Option(names = "--json", description = "Print the key, with its secret, as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            LogSetup.quiet();
            String orgId = CliInput.uuid("--org", org);
            CliInput.length("--name", name, 1, 100);
            try (Application app = options.openApplication()) {
                if (app.organizations().find(orgId).isEmpty()) {
                    throw new IllegalArgumentException("organization " + orgId + " does not exist");
                }
                CreatedApiKey created = app.apiKeyService().create(orgId, env, name, ApiKey.Status.ENABLED, Map.of(),
                        Optional.empty(), Optional.empty());
                if (json) {
                    System.out.println(Json.writeString(ApiKeysApi.render(created.key(), "API_KEY", created.secret())));
                } else {
                    System.out.println("API key id: " + created.key().id());
                    System.out.println("api_key:    " + created.key().key());
                    System.out.println("api_secret: " + created.secret());
                    System.out.println("Store the secret now: OpenTSS keeps only a hash of it and cannot show it again.");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the API keys of an organization.")
    static final class ListKeys implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--org", required = true, paramLabel = "ORG_ID", description = "Organization whose keys to list.")
        String org;

        @Override
        public Integer call() {
            LogSetup.quiet();
            String orgId = CliInput.uuid("--org", org);
            try (Application app = options.openApplication()) {
                System.out.printf("%-36s  %-4s  %-8s  %-60s  %s%n", "ID", "ENV", "STATUS", "KEY", "NAME");
                long offset = 0;
                List<ApiKey> page;
                do {
                    page = app.apiKeys().list(orgId, Optional.empty(), 100, offset);
                    for (ApiKey key : page) {
                        System.out.printf("%-36s  %-4s  %-8s  %-60s  %s%n", key.id(), key.env(),
                                key.status().wireName(), key.key(), key.name());
                    }
                    offset += page.size();
                } while (page.size() == 100);
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an API key: it can no longer log in, and its tokens stop working within a minute.")
    static final class Disable implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Parameters(paramLabel = "KEY", description = "The key's _id or its key string.")
        String key;

        @Override
        public Integer call() {
            LogSetup.quiet();
            try (Application app = options.openApplication()) {
                ApiKey found = app.apiKeys().find(key.toLowerCase(java.util.Locale.ROOT))
                        .or(() -> app.apiKeys().findByKey(key))
                        .orElseThrow(() -> new IllegalArgumentException("no API key " + key));
                app.apiKeyService().update(new ApiKey(found.id(), found.organizationId(), found.env(), found.key(),
                        found.secretHash(), found.name(), ApiKey.Status.DISABLED, found.metadata(), found.createdBy(),
                        found.managedBy(), found.createdAt()));
                System.out.println("Disabled API key " + found.id() + " (" + found.key() + ")");
            }
            return 0;
        }
    }
}
