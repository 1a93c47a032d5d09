package org.opentss.pos.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.opentss.http.Metadata;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosPage;
import org.opentss.store.Database;

/** Stores locations (table pos_location) and decides which of them a caller sees. */
public final class Locations {

    private static final String COLUMNS = "id, organization_id, env, name, address, timezone, metadata, created_at, "
            + "updated_at";

    private final Database database;
    private final Jdbi jdbi;
    private final PosDirectory directory;
    private final PosIds ids;
    private final Clock clock;

    public Locations(Database database, PosDirectory directory, PosIds ids, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The location if it is in the caller's environment and belongs to the acting organization or one it
     * manages (§4.2); otherwise 404, whatever the reason.
     */
    public Location visible(PosCaller caller, String locationId) {
        return jdbi.withHandle(h -> find(h, locationId))
                .filter(location -> location.env() == caller.env())
                .filter(location -> directory.reaches(caller.actingOrganization(), location.organizationId()))
                .orElseThrow(() -> PosError.notFound("No such location."));
    }

    Location create(String organizationId, Environment env, LocationProfile profile) {
        long now = clock.millis();
        Location location = new Location(ids.next("loc"), organizationId, env, profile.name(), profile.address(),
                profile.timezone(), profile.metadata(), now, now);
        database.inTransaction(h -> h.createUpdate("INSERT INTO pos_location (" + COLUMNS + ") VALUES (:id, :org, "
                        + ":env, :name, :address, :timezone, :metadata, :now, :now)")
                .bind("id", location.id()).bind("org", organizationId).bind("env", env.name())
                .bind("name", location.name()).bind("address", location.address().toJson())
                .bind("timezone", location.timezone()).bind("metadata", Metadata.toJson(location.metadata()))
                .bind("now", now)
                .execute());
        return location;
    }

    /** The organization's locations in {@code env} for one page, newest first. */
    List<Location> list(String organizationId, Environment env, PosPage page) {
        return jdbi.withHandle(h -> {
            Query query = h.createQuery("SELECT " + COLUMNS + " FROM pos_location "
                            + "WHERE organization_id = :org AND env = :env"
                            + (page.after().isPresent() ? " AND id < :after" : "")
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("org", organizationId).bind("env", env.name()).bind("limit", page.fetchSize());
            page.after().ifPresent(after -> query.bind("after", after));
            return query.map(Locations::map).list();
        });
    }

    /** Applies a change to the location's profile in one transaction and returns the result. */
    Location update(String locationId, UnaryOperator<LocationProfile> change) {
        long now = clock.millis();
        return database.inTransaction(h -> {
            // touching the row first locks it (PostgreSQL), so concurrent metadata merges do not lose keys
            h.createUpdate("UPDATE pos_location SET updated_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", locationId).execute();
            Location stored = find(h, locationId).orElseThrow();
            LocationProfile changed = change.apply(new LocationProfile(stored.name(), stored.address(),
                    stored.timezone(), stored.metadata()));
            h.createUpdate("UPDATE pos_location SET name = :name, address = :address, timezone = :timezone, "
                            + "metadata = :metadata WHERE id = :id")
                    .bind("name", changed.name()).bind("address", changed.address().toJson())
                    .bind("timezone", changed.timezone()).bind("metadata", Metadata.toJson(changed.metadata()))
                    .bind("id", locationId)
                    .execute();
            return find(h, locationId).orElseThrow();
        });
    }

    /** The location, whoever owns it: callers decide who may see it. */
    public static Optional<Location> find(Handle h, String locationId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pos_location WHERE id = :id").bind("id", locationId)
                .map(Locations::map).findOne();
    }

    private static Location map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Location(rs.getString("id"), rs.getString("organization_id"),
                Environment.valueOf(rs.getString("env")), rs.getString("name"),
                PostalAddress.fromJson(rs.getString("address")), rs.getString("timezone"),
                Metadata.fromJson(rs.getString("metadata")), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
