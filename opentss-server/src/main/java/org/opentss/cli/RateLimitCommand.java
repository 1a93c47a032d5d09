package org.opentss.cli;

import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.pos.CredentialRateLimits;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opentss rate-limit …}: limits for single POS API credentials (pos-api.md §7.3). */
@Command(name = "rate-limit", mixinStandardHelpOptions = true,
        description = "Set the POS API request limit of one platform key or register key.",
        subcommands = {RateLimitCommand.Set.class})
public final class RateLimitCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set the requests per second of one credential, or give it the installation's default "
                    + "(OPENTSS_RATE_LIMIT_POS_PER_SECOND) again.")
    static final class Set implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--credential", required = true, paramLabel = "ID",
                description = "A platform key id (key_…) or a register id (reg_…, for its register key).")
        String credential;

        @ArgGroup(multiplicity = "1")
        Limit limit;

        static final class Limit {
            @Option(names = "--per-second", paramLabel = "N", description = "Requests per second; 0: unlimited.")
            Integer perSecond;

            @Option(names = "--default", description = "Use the installation's default again.")
            boolean useDefault;
        }

        @Override
        public Integer call() {
            if (limit.perSecond != null && limit.perSecond < 0) {
                throw new IllegalArgumentException("--per-second must be 0 or more");
            }
            LogSetup.quiet();
            OptionalInt perSecond = limit.perSecond == null ? OptionalInt.empty() : OptionalInt.of(limit.perSecond);
            try (Application app = options.openApplication()) {
                app.credentialRateLimits().set(credential, perSecond);
            }
            System.out.println(credential + ": " + (perSecond.isEmpty() ? "the installation's default"
                    : perSecond.getAsInt() == 0 ? "unlimited" : perSecond.getAsInt() + " requests per second"));
            return 0;
        }
    }
}
