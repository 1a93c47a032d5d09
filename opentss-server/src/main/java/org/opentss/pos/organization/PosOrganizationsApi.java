package org.opentss.pos.organization;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import org.opentss.http.RequestBody;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import tools.jackson.databind.node.ObjectNode;

/** The organization endpoints of the POS API (pos-api.md §10). */
public final class PosOrganizationsApi implements HttpService {

    private static final String ORGANIZATIONS = "/v1/organizations";

    private final PosOrganizations organizations;
    private final PosGuard guard;
    private final Idempotency idempotency;

    public PosOrganizationsApi(PosOrganizations organizations, PosGuard guard, Idempotency idempotency) {
        this.organizations = organizations;
        this.guard = guard;
        this.idempotency = idempotency;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(ORGANIZATIONS, guard.platform(this::create))
                .get(ORGANIZATIONS, guard.platform(this::list))
                .get(ORGANIZATIONS + "/{organization_id}", guard.platform(this::get))
                .patch(ORGANIZATIONS + "/{organization_id}", guard.platform(this::update));
    }

    /** §10.2: a merchant managed by the acting organization, in the caller's environment. */
    private PosResponse create(ServerRequest req, PosCaller caller) {
        ObjectNode body = RequestBody.optionalObject(req);
        Idempotency.Scope scope = new Idempotency.Scope(caller.env(), caller.actingOrganization(),
                "POST " + ORGANIZATIONS);
        return idempotency.run(req, scope, body, resume -> {
            OrganizationProfile profile = OrganizationProfile.forCreate(PosInput.of(body));
            return PosResponse.created(
                    organizations.create(caller.actingOrganization(), caller.env(), profile).render());
        });
    }

    /** §10.3: directly managed by the acting organization, newest first. */
    private PosResponse list(ServerRequest req, PosCaller caller) {
        PosPage page = PosPage.of(req);
        return PosResponse.ok(page.list(organizations.listManagedBy(caller.actingOrganization(), caller.env(), page),
                PosOrganization::render, PosOrganization::posId));
    }

    /** §10.4 */
    private PosResponse get(ServerRequest req, PosCaller caller) {
        return PosResponse.ok(organizations.find(visible(req, caller)).orElseThrow().render());
    }

    /** §10.5 */
    private PosResponse update(ServerRequest req, PosCaller caller) {
        String organizationId = visible(req, caller);
        PosInput in = PosInput.of(RequestBody.optionalObject(req));
        return PosResponse.ok(organizations.update(organizationId, profile -> profile.updatedBy(in)).render());
    }

    private String visible(ServerRequest req, PosCaller caller) {
        return organizations.visible(caller, req.path().pathParameters().get("organization_id"));
    }
}
