package org.opentss.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.opentss.config.AppConfig;
import org.opentss.config.ConfigLoader;
import org.opentss.store.Database;

/**
 * A fresh, empty database that one test owns: its engine, its JDBC URL and a data directory for the
 * rest of the configuration. {@link #open()} may be called more than once; every call opens the same
 * database (that is how a test plays a second node or a restart).
 */
public record TestDatabase(Databases.Engine engine, String url, Path dataDir) {

    /** The configuration of a server on this database; {@code settings} add or replace {@code OPENTSS_*} values. */
    public AppConfig config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        all.put("OPENTSS_DB_URL", url);
        all.put("OPENTSS_DATA_DIR", dataDir.toString());
        all.putAll(settings);
        return ConfigLoader.load(Map.of(), all);
    }

    public AppConfig config() {
        return config(Map.of());
    }

    /** Opens a pool on this database and migrates it; the caller closes it. */
    public Database open() {
        return Database.open(config(), null);
    }

    /** The settings that point a {@link TestServer} at this database. */
    public Map<String, String> serverSettings() {
        return Map.of("OPENTSS_DB_URL", url);
    }
}
