package org.opentss.hub;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.opentss.identity.Environment;
import org.opentss.store.Database;

/** The figures of the overview page, counted in the database for one organization and environment. */
public final class HubStatistics {

    /** What the overview shows. */
    public record Figures(long tss, long tssInitialized, long clients, long transactionsToday, long openExports) {
    }

    private static final String OWNER = "t.organization_id = :org AND t.env = :env";

    private final Jdbi jdbi;
    private final Clock clock;

    public HubStatistics(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    public Figures of(String organizationId, Environment env) {
        long startOfDay = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return jdbi.withHandle(h -> h.createQuery("SELECT "
                        + "(SELECT COUNT(*) FROM tss t WHERE " + OWNER + " AND t.state <> 'DELETED') AS tss, "
                        + "(SELECT COUNT(*) FROM tss t WHERE " + OWNER + " AND t.state = 'INITIALIZED') AS initialized, "
                        + "(SELECT COUNT(*) FROM client c JOIN tss t ON t.id = c.tss_id WHERE " + OWNER
                        + " AND c.state = 'REGISTERED') AS clients, "
                        + "(SELECT COUNT(*) FROM tss_transaction x JOIN tss t ON t.id = x.tss_id WHERE " + OWNER
                        + " AND x.time_start >= :day) AS today, "
                        + "(SELECT COUNT(*) FROM tss_export e JOIN tss t ON t.id = e.tss_id WHERE " + OWNER
                        + " AND e.state IN ('PENDING', 'WORKING')) AS exports")
                .bind("org", organizationId).bind("env", env.name()).bind("day", startOfDay)
                .map((rs, ctx) -> new Figures(rs.getLong("tss"), rs.getLong("initialized"), rs.getLong("clients"),
                        rs.getLong("today"), rs.getLong("exports")))
                .one());
    }
}
