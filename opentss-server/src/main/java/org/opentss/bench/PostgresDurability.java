package org.opentss.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * How durable the commits of the PostgreSQL under test are. A commit that is not flushed to disk costs
 * far less than one that is, so the figures of a run mean little without these settings beside them.
 *
 * @param version the server's version, e.g. {@code 14.22}
 * @param fsync whether WAL flushes reach the disk ({@code fsync})
 * @param synchronousCommit when a commit is acknowledged ({@code synchronous_commit}: on, off, local, …)
 */
record PostgresDurability(String version, boolean fsync, String synchronousCommit) {

    static PostgresDurability of(String jdbcUrl, Optional<String> user, Optional<String> password)
            throws SQLException {
        Properties login = new Properties();
        user.ifPresent(u -> login.setProperty("user", u));
        password.ifPresent(p -> login.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(jdbcUrl, login); Statement s = c.createStatement()) {
            return new PostgresDurability(show(s, "server_version"), show(s, "fsync").equals("on"),
                    show(s, "synchronous_commit"));
        }
    }

    /** Every acknowledged commit was flushed to disk first, as in production. */
    boolean durable() {
        return fsync && synchronousCommit.equals("on");
    }

    String text() {
        return "PostgreSQL " + version + ", fsync " + (fsync ? "on" : "off") + ", synchronous_commit "
                + synchronousCommit + (durable() ? "" : " (NOT durable: commits are cheaper than in production)");
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
