package org.opentss.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.opentss.Application;
import org.opentss.config.AppConfig;
import org.opentss.config.ConfigLoader;
import picocli.CommandLine.Option;

/** Options every command shares; they override the {@code OPENTSS_*} environment variables. */
public final class ConfigOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory: SQLite database and generated master key (env OPENTSS_DATA_DIR, default ./data).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with OPENTSS_* settings (env OPENTSS_CONFIG_FILE); the environment wins over it.")
    Path configFile;

    AppConfig load(Map<String, String> extraOverrides) {
        Map<String, String> overrides = new HashMap<>(extraOverrides);
        if (dataDir != null) {
            overrides.put("OPENTSS_DATA_DIR", dataDir.toString());
        }
        if (configFile != null) {
            overrides.put(ConfigLoader.CONFIG_FILE, configFile.toString());
        }
        return ConfigLoader.load(System.getenv(), overrides);
    }

    AppConfig load() {
        return load(Map.of());
    }

    /** The application on these settings, for a command that works on the installation's database. */
    Application openApplication() {
        return Application.open(load(), Clock.systemUTC());
    }
}
