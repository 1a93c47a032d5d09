package org.opentss.identity;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opentss.store.Database;

/** HUB users and the organizations they belong to. */
public final class HubUserRepository {

    private static final String COLUMNS = "id, email, password_hash, created_at";

    private final Jdbi jdbi;

    public HubUserRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public void insert(Handle h, HubUser user) {
        h.createUpdate("INSERT INTO hub_user (" + COLUMNS + ") VALUES (:id, :email, :hash, :createdAt)")
                .bind("id", user.id()).bind("email", user.email()).bind("hash", user.passwordHash())
                .bind("createdAt", user.createdAt()).execute();
    }

    public Optional<HubUser> findByEmail(String email) {
        return findBy("email", email);
    }

    public Optional<HubUser> find(String id) {
        return findBy("id", id);
    }

    private Optional<HubUser> findBy(String column, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM hub_user WHERE " + column + " = :value")
                .bind("value", value).map((rs, ctx) -> new HubUser(rs.getString("id"), rs.getString("email"),
                        rs.getString("password_hash"), rs.getLong("created_at"))).findOne());
    }

    public void addMembership(Handle h, String userId, String organizationId, long now) {
        h.createUpdate("INSERT INTO hub_membership (user_id, organization_id, created_at) VALUES (:user, :org, :now) "
                        + "ON CONFLICT (user_id, organization_id) DO NOTHING")
                .bind("user", userId).bind("org", organizationId).bind("now", now).execute();
    }

    /** The organizations the user is a member of, oldest membership first. */
    public List<String> memberships(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT organization_id FROM hub_membership WHERE user_id = :user "
                        + "ORDER BY created_at, organization_id")
                .bind("user", userId).mapTo(String.class).list());
    }
}
