package org.opentss;

import org.opentss.cli.ApiKeyCommand;
import org.opentss.cli.BenchCommand;
import org.opentss.cli.HubUserCommand;
import org.opentss.cli.MasterKeyCommand;
import org.opentss.cli.MigrateCommand;
import org.opentss.cli.OrgCommand;
import org.opentss.cli.ProvisionCommand;
import org.opentss.cli.ServeCommand;
import org.opentss.cli.RateLimitCommand;
import org.opentss.cli.SetupTokenCommand;
import org.opentss.cli.VerifyCommand;
import org.opentss.cli.VersionProvider;
import org.opentss.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code opentss} command line: wiring only; each command is its own class. */
@Command(name = "opentss",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OpenTSS: open-source fiscal signing server (KassenSichV), wire-compatible with fiskaly SIGN DE v2.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            OrgCommand.class,
            ApiKeyCommand.class,
            SetupTokenCommand.class,
            HubUserCommand.class,
            RateLimitCommand.class,
            MasterKeyCommand.class,
            BenchCommand.class,
            ProvisionCommand.class,
            VerifyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit code for a configuration that does not validate. */
    static final int EXIT_BAD_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (0 success, 1 failure, 2 usage or configuration). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("opentss: " + e.getMessage());
            return e instanceof ConfigException ? EXIT_BAD_CONFIG : 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
