package org.opentss.pos.organization;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import org.opentss.http.RequestBody;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import tools.jackson.databind.node.ObjectNode;

/** The location endpoints of the POS API (pos-api.md §11). */
public final class LocationsApi implements HttpService {

    private static final String OF_ORGANIZATION = "/v1/organizations/{organization_id}/locations";
    private static final String LOCATION = "/v1/locations/{location_id}";

    private final Locations locations;
    private final PosOrganizations organizations;
    private final PosDirectory directory;
    private final PosGuard guard;
    private final Idempotency idempotency;

    public LocationsApi(Locations locations, PosOrganizations organizations, PosDirectory directory, PosGuard guard,
            Idempotency idempotency) {
        this.locations = locations;
        this.organizations = organizations;
        this.directory = directory;
        this.guard = guard;
        this.idempotency = idempotency;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(OF_ORGANIZATION, guard.platform(this::create))
                .get(OF_ORGANIZATION, guard.platform(this::list))
                .get(LOCATION, guard.platform(this::get))
                .patch(LOCATION, guard.platform(this::update));
    }

    /** §11.2 */
    private PosResponse create(ServerRequest req, PosCaller caller) {
        String posOrganizationId = req.path().pathParameters().get("organization_id");
        String organizationId = organizations.visible(caller, posOrganizationId);
        ObjectNode body = RequestBody.optionalObject(req);
        Idempotency.Scope scope = new Idempotency.Scope(caller.env(), organizationId,
                "POST /v1/organizations/" + posOrganizationId + "/locations");
        return idempotency.run(req, scope, body, resume -> {
            LocationProfile profile = LocationProfile.forCreate(PosInput.of(body));
            return PosResponse.created(
                    locations.create(organizationId, caller.env(), profile).render(posOrganizationId));
        });
    }

    /** §11.3: newest first. */
    private PosResponse list(ServerRequest req, PosCaller caller) {
        String posOrganizationId = req.path().pathParameters().get("organization_id");
        String organizationId = organizations.visible(caller, posOrganizationId);
        PosPage page = PosPage.of(req);
        return PosResponse.ok(page.list(locations.list(organizationId, caller.env(), page),
                location -> location.render(posOrganizationId), Location::id));
    }

    /** §11.4 */
    private PosResponse get(ServerRequest req, PosCaller caller) {
        return PosResponse.ok(render(visible(req, caller)));
    }

    /** §11.5 */
    private PosResponse update(ServerRequest req, PosCaller caller) {
        Location location = visible(req, caller);
        PosInput in = PosInput.of(RequestBody.optionalObject(req));
        return PosResponse.ok(render(locations.update(location.id(), profile -> profile.updatedBy(in))));
    }

    private Location visible(ServerRequest req, PosCaller caller) {
        return locations.visible(caller, req.path().pathParameters().get("location_id"));
    }

    private ObjectNode render(Location location) {
        return location.render(directory.posId(location.organizationId()));
    }
}
