package org.opentss.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
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
                .bind("value", value).map(HubUserRepository::map).findOne());
    }

    private static HubUser map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new HubUser(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
                rs.getLong("created_at"));
    }

    public void setPasswordHash(Handle h, String userId, String passwordHash) {
        h.createUpdate("UPDATE hub_user SET password_hash = :hash WHERE id = :id")
                .bind("hash", passwordHash).bind("id", userId).execute();
    }

    /** The users who are members of the organization itself, by email. */
    public List<HubUser> members(String organizationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.email, u.password_hash, u.created_at FROM hub_user u "
                        + "JOIN hub_membership m ON m.user_id = u.id WHERE m.organization_id = :org ORDER BY u.email")
                .bind("org", organizationId).map(HubUserRepository::map).list());
    }

    public void addMembership(Handle h, String userId, String organizationId, long now) {
        h.createUpdate("INSERT INTO hub_membership (user_id, organization_id, created_at) VALUES (:user, :org, :now) "
                        + "ON CONFLICT (user_id, organization_id) DO NOTHING")
                .bind("user", userId).bind("org", organizationId).bind("now", now).execute();
    }

    /** @return whether there was such a membership */
    public boolean removeMembership(Handle h, String userId, String organizationId) {
        return h.createUpdate("DELETE FROM hub_membership WHERE user_id = :user AND organization_id = :org")
                .bind("user", userId).bind("org", organizationId).execute() == 1;
    }

    /** The organizations the user is a member of, oldest membership first. */
    public List<String> memberships(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT organization_id FROM hub_membership WHERE user_id = :user "
                        + "ORDER BY created_at, organization_id")
                .bind("user", userId).mapTo(String.class).list());
    }
}
