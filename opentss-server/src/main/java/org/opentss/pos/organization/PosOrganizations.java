package org.opentss.pos.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
import org.opentss.identity.NewOrganization;
import org.opentss.identity.Organization;
import org.opentss.identity.OrganizationRepository;
import org.opentss.identity.OrganizationService;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosPage;
import org.opentss.store.Database;

/**
 * Organizations of the POS API: a row of table {@code organization}, written through the identity layer
 * so the TSS and management APIs see the same organization, and its {@code pos_organization} row, written
 * in the same transaction.
 */
public final class PosOrganizations {

    private static final String SELECT = "SELECT o.id, o.managed_by_organization_id, o.name, o.address_line1, "
            + "o.address_line2, o.zip, o.town, o.state, o.country_code, o.tax_number, o.metadata, "
            + "o.created_by_api_key_id, o.created_at, p.id AS pos_id, p.env AS pos_env, p.trade_name, p.vat_id, "
            + "p.metadata AS pos_metadata, p.created_at AS pos_created_at, p.updated_at AS pos_updated_at, "
            + "mp.id AS managed_by_pos_id "
            + "FROM pos_organization p JOIN organization o ON o.id = p.organization_id "
            + "LEFT JOIN pos_organization mp ON mp.organization_id = o.managed_by_organization_id ";

    private final Database database;
    private final Jdbi jdbi;
    private final OrganizationRepository organizations;
    private final OrganizationService organizationService;
    private final PosDirectory directory;
    private final PosIds ids;
    private final Clock clock;

    public PosOrganizations(Database database, OrganizationRepository organizations,
            OrganizationService organizationService, PosDirectory directory, PosIds ids, Clock clock) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.organizations = organizations;
        this.organizationService = organizationService;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The internal id of the organization {@code posId} if the caller's acting organization reaches it in
     * the caller's environment (§4.2); otherwise 404, whatever the reason.
     */
    public String visible(PosCaller caller, String posId) {
        return directory.reachable(caller.actingOrganization(), posId, caller.env())
                .orElseThrow(() -> PosError.notFound("No such organization."));
    }

    /** Creates an organization managed by {@code managedBy} that exists in {@code env} only. */
    PosOrganization create(String managedBy, Environment env, OrganizationProfile profile) {
        long now = clock.millis();
        return database.inTransaction(h -> {
            // the identity layer's repository joins this transaction: Jdbi hands nested calls this handle
            Organization org = organizationService.create(new NewOrganization(Optional.of(managedBy),
                    profile.legalName(), profile.address().line1(), profile.address().line2(),
                    profile.address().postalCode(), profile.address().city(), Optional.empty(),
                    profile.address().countryAlpha3(), profile.taxId(), Map.of()), null);
            String posId = ids.next("org");
            h.createUpdate("INSERT INTO pos_organization (id, organization_id, env, trade_name, vat_id, metadata, "
                            + "created_at, updated_at) VALUES (:id, :org, :env, :tradeName, :vatId, :metadata, :now, "
                            + ":now)")
                    .bind("id", posId).bind("org", org.id()).bind("env", env.name())
                    .bind("tradeName", profile.tradeName().orElse(null)).bind("vatId", profile.vatId().orElse(null))
                    .bind("metadata", Metadata.toJson(profile.metadata())).bind("now", now)
                    .execute();
            return find(h, org.id()).orElseThrow();
        });
    }

    /** An organization that has its POS identity, by internal id. */
    Optional<PosOrganization> find(String organizationId) {
        return jdbi.withHandle(h -> find(h, organizationId)).map(this::withManagerPosId);
    }

    /**
     * The organizations directly managed by {@code managedBy} that exist in {@code env}, for one page, newest
     * first. Managed organizations made by the operator or the management API get their {@code org_} id
     * here, when the POS API first shows them.
     */
    List<PosOrganization> listManagedBy(String managedBy, Environment env, PosPage page) {
        List<String> withoutPosId = jdbi.withHandle(h -> h.createQuery("SELECT o.id FROM organization o "
                        + "LEFT JOIN pos_organization p ON p.organization_id = o.id "
                        + "WHERE o.managed_by_organization_id = :org AND p.id IS NULL")
                .bind("org", managedBy).mapTo(String.class).list());
        if (!withoutPosId.isEmpty()) {
            database.inTransaction(h -> {
                withoutPosId.forEach(id -> directory.ensurePosId(h, id));
                return null;
            });
        }
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(SELECT + "WHERE o.managed_by_organization_id = :org "
                            + "AND (p.env IS NULL OR p.env = :env)"
                            + (page.after().isPresent() ? " AND p.id < :after" : "")
                            + " ORDER BY p.id DESC LIMIT :limit")
                    .bind("org", managedBy).bind("env", env.name()).bind("limit", page.fetchSize());
            page.after().ifPresent(after -> query.bind("after", after));
            return query.map(PosOrganizations::map).list();
        });
    }

    /** Applies a change to the organization's profile in one transaction and returns the result. */
    PosOrganization update(String organizationId, UnaryOperator<OrganizationProfile> change) {
        long now = clock.millis();
        return withManagerPosId(database.inTransaction(h -> {
            // touching the row first locks it (PostgreSQL), so concurrent metadata merges do not lose keys
            h.createUpdate("UPDATE pos_organization SET updated_at = :now WHERE organization_id = :org")
                    .bind("now", now).bind("org", organizationId).execute();
            PosOrganization stored = find(h, organizationId).orElseThrow();
            OrganizationProfile changed = change.apply(stored.profile());
            Organization org = stored.organization();
            organizations.update(new Organization(org.id(), org.managedBy(), changed.legalName(),
                    changed.address().line1(), changed.address().line2(), changed.address().postalCode(),
                    changed.address().city(), org.state(), changed.address().countryAlpha3(), changed.taxId(),
                    org.metadata(), org.createdBy(), org.createdAt()));
            h.createUpdate("UPDATE pos_organization SET trade_name = :tradeName, vat_id = :vatId, "
                            + "metadata = :metadata WHERE organization_id = :org")
                    .bind("tradeName", changed.tradeName().orElse(null)).bind("vatId", changed.vatId().orElse(null))
                    .bind("metadata", Metadata.toJson(changed.metadata())).bind("org", organizationId)
                    .execute();
            return find(h, organizationId).orElseThrow();
        }));
    }

    private static Optional<PosOrganization> find(Handle h, String organizationId) {
        return h.createQuery(SELECT + "WHERE o.id = :org").bind("org", organizationId)
                .map(PosOrganizations::map).findOne();
    }

    /**
     * Gives the managing organization its {@code org_} id if it has none: an organization the operator
     * placed under another one the POS API has not met yet.
     */
    private PosOrganization withManagerPosId(PosOrganization org) {
        Optional<String> manager = org.organization().managedBy();
        if (manager.isEmpty() || org.managedByPosId().isPresent()) {
            return org;
        }
        String posId = database.inTransaction(h -> directory.ensurePosId(h, manager.get()));
        return new PosOrganization(org.posId(), org.organization(), Optional.of(posId), org.env(), org.tradeName(),
                org.vatId(), org.metadata(), org.createdAt(), org.updatedAt());
    }

    private static PosOrganization map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PosOrganization(rs.getString("pos_id"), OrganizationRepository.map(rs, ctx),
                Optional.ofNullable(rs.getString("managed_by_pos_id")),
                Optional.ofNullable(rs.getString("pos_env")).map(Environment::valueOf),
                Optional.ofNullable(rs.getString("trade_name")), Optional.ofNullable(rs.getString("vat_id")),
                Metadata.fromJson(rs.getString("pos_metadata")), rs.getLong("pos_created_at"),
                rs.getLong("pos_updated_at"));
    }
}
