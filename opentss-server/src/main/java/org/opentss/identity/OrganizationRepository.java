package org.opentss.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.opentss.http.Metadata;
import org.opentss.store.Database;

/** Stores organizations and answers which organizations one manages, directly or transitively. */
public final class OrganizationRepository {

    private static final String COLUMNS = "id, managed_by_organization_id, name, address_line1, address_line2, zip, "
            + "town, state, country_code, tax_number, metadata, created_by_api_key_id, created_at";

    /** The organization itself and every organization below it in the management tree. */
    private static final String SCOPE_CTE = "WITH RECURSIVE scope (id) AS ("
            + " SELECT id FROM organization WHERE id = :root"
            + " UNION SELECT o.id FROM organization o JOIN scope s ON o.managed_by_organization_id = s.id) ";

    private final Jdbi jdbi;

    public OrganizationRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    public void insert(Organization org) {
        jdbi.useHandle(h -> bindContent(h.createUpdate("INSERT INTO organization (" + COLUMNS + ") VALUES (:id, "
                        + ":managedBy, :name, :addressLine1, :addressLine2, :zip, :town, :state, :countryCode, :taxNumber, "
                        + ":metadata, :createdBy, :createdAt)"), org)
                .bind("managedBy", org.managedBy().orElse(null))
                .bind("createdBy", org.createdBy().orElse(null))
                .bind("createdAt", org.createdAt())
                .execute());
    }

    /** Replaces the changeable fields; id, manager, creator and creation time never change. */
    public void update(Organization org) {
        jdbi.useHandle(h -> bindContent(h.createUpdate("UPDATE organization SET name = :name, "
                        + "address_line1 = :addressLine1, address_line2 = :addressLine2, zip = :zip, town = :town, "
                        + "state = :state, country_code = :countryCode, tax_number = :taxNumber, metadata = :metadata "
                        + "WHERE id = :id"), org)
                .execute());
    }

    /** Binds the id and the changeable fields, which insert and update share. */
    private static Update bindContent(Update statement, Organization org) {
        return statement
                .bind("id", org.id())
                .bind("name", org.name())
                .bind("addressLine1", org.addressLine1())
                .bind("addressLine2", org.addressLine2().orElse(null))
                .bind("zip", org.zip())
                .bind("town", org.town())
                .bind("state", org.state().orElse(null))
                .bind("countryCode", org.countryCode())
                .bind("taxNumber", org.taxNumber().orElse(null))
                .bind("metadata", Metadata.toJson(org.metadata()));
    }

    public Optional<Organization> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM organization WHERE id = :id")
                .bind("id", id).map(OrganizationRepository::map).findOne());
    }

    /** The organization {@code id} if it is {@code root} or managed by it, directly or transitively. */
    public Optional<Organization> findInScope(String root, String id) {
        return jdbi.withHandle(h -> h.createQuery(SCOPE_CTE + "SELECT " + prefixed() + " FROM organization o "
                        + "JOIN scope s ON s.id = o.id WHERE o.id = :id")
                .bind("root", root).bind("id", id).map(OrganizationRepository::map).findOne());
    }

    /** {@code root} first, then every organization it manages, by creation time. */
    public List<Organization> listScope(String root, int limit, long offset) {
        return jdbi.withHandle(h -> h.createQuery(SCOPE_CTE + "SELECT " + prefixed() + " FROM organization o "
                        + "JOIN scope s ON s.id = o.id "
                        + "ORDER BY CASE WHEN o.id = :root THEN 0 ELSE 1 END, o.created_at, o.id "
                        + "LIMIT :limit OFFSET :offset")
                .bind("root", root).bind("limit", limit).bind("offset", offset)
                .map(OrganizationRepository::map).list());
    }

    public List<Organization> listAll() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM organization ORDER BY created_at, id")
                .map(OrganizationRepository::map).list());
    }

    private static String prefixed() {
        return "o." + COLUMNS.replace(", ", ", o.");
    }

    /** Maps a row holding the organization columns under their own names. */
    public static Organization map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Organization(
                rs.getString("id"),
                Optional.ofNullable(rs.getString("managed_by_organization_id")),
                rs.getString("name"),
                rs.getString("address_line1"),
                Optional.ofNullable(rs.getString("address_line2")),
                rs.getString("zip"),
                rs.getString("town"),
                Optional.ofNullable(rs.getString("state")),
                rs.getString("country_code"),
                Optional.ofNullable(rs.getString("tax_number")),
                Metadata.fromJson(rs.getString("metadata")),
                Optional.ofNullable(rs.getString("created_by_api_key_id")),
                rs.getLong("created_at"));
    }
}
