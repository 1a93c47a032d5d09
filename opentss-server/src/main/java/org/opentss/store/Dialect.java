package org.opentss.store;

/** The database engines OpenTSS runs on; each has its own migration folder next to the common one. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    public String migrationFolder() {
        return folder;
    }

    public static Dialect ofUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : SQLITE;
    }
}
