package org.opentss.cli;

import java.util.concurrent.Callable;
import org.opentss.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opentss migrate}: brings the database schema up to date and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or update the database schema, then exit (serve does this too).")
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        LogSetup.quiet();
        try (Application app = options.openApplication()) {
            System.out.println("database schema is up to date (" + app.database().dialect().name().toLowerCase() + ")");
        }
        return 0;
    }
}
