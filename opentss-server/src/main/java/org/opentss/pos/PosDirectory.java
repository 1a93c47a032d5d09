package org.opentss.pos;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.store.Database;

/**
 * The POS identity of organizations (pos-api.md §10.1): maps the API's {@code org_} ids to the internal
 * organization ids and back, and decides which organizations an acting organization reaches. The
 * mapping never changes once made, so it is cached.
 */
public final class PosDirectory {

    private static final String SCOPE_CTE = "WITH RECURSIVE scope (id) AS ("
            + " SELECT id FROM organization WHERE id = :root"
            + " UNION SELECT o.id FROM organization o JOIN scope s ON o.managed_by_organization_id = s.id) ";

    private final Jdbi jdbi;
    private final PosIds ids;
    private final Clock clock;
    private final Map<String, String> posIdByOrganization = new ConcurrentHashMap<>();

    /** An organization as the POS API addresses it. */
    public record PosOrganizationRef(String posId, String organizationId, Optional<Environment> env) {
    }

    public PosDirectory(Database database, PosIds ids, Clock clock) {
        this.jdbi = database.jdbi();
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The {@code org_} id of an organization, given one in the caller's transaction if it has none yet
     * (organizations created before the POS API existed, or by the operator); such organizations exist in
     * both environments. Not cached: the transaction may still roll back.
     */
    public String ensurePosId(Handle h, String organizationId) {
        Optional<String> existing = findPosId(h, organizationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        long now = clock.millis();
        h.createUpdate("INSERT INTO pos_organization (id, organization_id, env, metadata, created_at, updated_at) "
                        + "VALUES (:id, :org, NULL, '{}', :now, :now) ON CONFLICT (organization_id) DO NOTHING")
                .bind("id", ids.next("org")).bind("org", organizationId).bind("now", now).execute();
        return findPosId(h, organizationId).orElseThrow();
    }

    /** The {@code org_} id of an organization that has one (every organization the POS API shows). */
    public String posId(Handle h, String organizationId) {
        String cached = posIdByOrganization.get(organizationId);
        if (cached != null) {
            return cached;
        }
        String posId = findPosId(h, organizationId).orElseThrow(
                () -> new IllegalStateException("organization " + organizationId + " has no POS identity"));
        posIdByOrganization.put(organizationId, posId);
        return posId;
    }

    public String posId(String organizationId) {
        String cached = posIdByOrganization.get(organizationId);
        return cached != null ? cached : jdbi.withHandle(h -> posId(h, organizationId));
    }

    /**
     * The {@code org_} id of an organization if the POS API has given it one; reading pages must not give
     * one, as {@link #ensurePosId} does.
     */
    public Optional<String> knownPosId(String organizationId) {
        String cached = posIdByOrganization.get(organizationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = jdbi.withHandle(h -> findPosId(h, organizationId));
        found.ifPresent(posId -> posIdByOrganization.put(organizationId, posId));
        return found;
    }

    /** The organization behind an {@code org_} id, if any. */
    public Optional<PosOrganizationRef> find(String posId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT organization_id, env FROM pos_organization WHERE id = :id")
                .bind("id", posId)
                .map((rs, ctx) -> new PosOrganizationRef(posId, rs.getString("organization_id"),
                        Optional.ofNullable(rs.getString("env")).map(Environment::valueOf)))
                .findOne());
    }

    /**
     * The organization of {@code posId} if {@code root} is it or manages it, directly or transitively, and
     * it exists in {@code env} (§4.2): otherwise empty, whatever the reason.
     */
    public Optional<String> reachable(String root, String posId, Environment env) {
        return find(posId)
                .filter(ref -> ref.env().isEmpty() || ref.env().get() == env)
                .map(PosOrganizationRef::organizationId)
                .filter(org -> reaches(root, org));
    }

    /** Whether {@code root} is {@code organizationId} or manages it, directly or transitively. */
    public boolean reaches(String root, String organizationId) {
        if (root.equals(organizationId)) {
            return true;
        }
        return jdbi.withHandle(h -> h.createQuery(SCOPE_CTE + "SELECT COUNT(*) FROM scope WHERE id = :id")
                .bind("root", root).bind("id", organizationId).mapTo(Long.class).one()) > 0;
    }

    private static Optional<String> findPosId(Handle h, String organizationId) {
        return h.createQuery("SELECT id FROM pos_organization WHERE organization_id = :org")
                .bind("org", organizationId).mapTo(String.class).findOne();
    }
}
