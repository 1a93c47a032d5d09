package org.opentss.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.opentss.Application;
import org.opentss.bench.BenchParameters;
import org.opentss.config.AppConfig;
import org.opentss.crypto.MasterKeySealed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opentss master-key …}: moves everything sealed under the master key to a new one while the nodes
 * keep serving. The nodes first get the new key as {@code OPENTSS_MASTER_KEY} and the old one as
 * {@code OPENTSS_MASTER_KEY_PREVIOUS} (a rolling restart); {@code rotate} then switches the database to the
 * new key and reseals every value; {@code status} shows what is left under the old one.
 */
@Command(name = "master-key", mixinStandardHelpOptions = true,
        description = "Rotate the master key without downtime (see docs/operations.md, \"Rotation\").",
        subcommands = {MasterKeyCommand.Rotate.class, MasterKeyCommand.Status.class})
public final class MasterKeyCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Switch the database to the current master key (OPENTSS_MASTER_KEY[_FILE]) and reseal "
                    + "every value still under OPENTSS_MASTER_KEY_PREVIOUS[_FILE]. Run it once every node has "
                    + "both keys; it may run again any time. Exit code 0 when nothing is left under the previous key.")
    static final class Rotate implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Option(names = "--settle", defaultValue = "5s", paramLabel = "TIME",
                description = "Wait between the switch and the resealing, so that values the nodes were sealing "
                        + "under the previous key at the moment of the switch are stored and get resealed too "
                        + "(default ${DEFAULT-VALUE}).")
        String settle;

        @Override
        public Integer call() throws InterruptedException {
            Duration wait = BenchParameters.parseDuration(settle);
            if (wait.isNegative()) {
                throw new IllegalArgumentException("--settle must not be negative");
            }
            AppConfig config = options.load();
            if (config.masterKeyPrevious().isEmpty() && config.masterKeyPreviousFile().isEmpty()) {
                throw new IllegalArgumentException("set OPENTSS_MASTER_KEY_PREVIOUS (or _FILE) to the key the database "
                        + "uses now, and OPENTSS_MASTER_KEY (or _FILE) to the new key");
            }
            LogSetup.quiet();
            try (Application app = Application.open(config, Clock.systemUTC())) {
                app.activateCurrentMasterKey();
                System.out.println("the database now uses the current master key; nodes seal new values under it");
                Thread.sleep(wait);
                return report(sweep(app, true));
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Count the values sealed under the current master key and those left under another. "
                    + "Exit code 0 when none is left, 1 otherwise.")
    static final class Status implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            LogSetup.quiet();
            try (Application app = options.openApplication()) {
                return report(sweep(app, false));
            }
        }
    }

    private static List<MasterKeySealed.Tally> sweep(Application app, boolean reseal) {
        return app.masterKeySealed().stream().map(sealed -> sealed.sweep(reseal)).toList();
    }

    private static int report(List<MasterKeySealed.Tally> tallies) {
        int left = 0;
        for (MasterKeySealed.Tally tally : tallies) {
            System.out.printf("%-20s %5d under the current key, %5d resealed, %5d left%n", tally.what() + ":",
                    tally.underCurrentKey(), tally.resealed(), tally.left());
            left += tally.left();
        }
        System.out.println(left == 0 ? "nothing is left under another master key; OPENTSS_MASTER_KEY_PREVIOUS can go"
                : left + " values are not under the current master key");
        return left == 0 ? 0 : 1;
    }
}
