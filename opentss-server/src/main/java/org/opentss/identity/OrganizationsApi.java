package org.opentss.identity;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentss.http.ApiError;
import org.opentss.http.ApiGuard;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import org.opentss.http.Metadata;
import org.opentss.http.QueryInput;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The organization endpoints of the management API (sign-de-v2.md §12.2–§12.3). */
public final class OrganizationsApi implements HttpService {

    private final OrganizationRepository organizations;
    private final OrganizationService service;
    private final ManagementScope scope;
    private final ApiGuard guard;

    public OrganizationsApi(OrganizationRepository organizations, OrganizationService service, ApiGuard guard) {
        this.organizations = organizations;
        this.service = service;
        this.scope = new ManagementScope(organizations);
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v0/organizations", guard.authenticated(RateClass.MANAGEMENT, this::list))
                .post("/api/v0/organizations", guard.authenticated(RateClass.MANAGEMENT, this::create))
                .get("/api/v0/organizations/{organization_id}", guard.authenticated(RateClass.MANAGEMENT, this::get))
                .patch("/api/v0/organizations/{organization_id}", guard.authenticated(RateClass.MANAGEMENT, this::update));
    }

    private void list(ServerRequest req, ServerResponse res, Caller caller) {
        QueryInput.Page page = new QueryInput(req.query()).page();
        List<Organization> found = organizations.listScope(caller.organizationId(), page.limit(), page.offset());
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        found.forEach(org -> data.add(render(org, caller.organizationId())));
        body.put("count", found.size());
        body.put("_type", "ORGANIZATION_LIST");
        Responses.json(res, body);
    }

    private void create(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req));
        String name = in.requiredString("name", 1, 200);
        String addressLine1 = in.requiredString("address_line1", 1, 200);
        String zip = in.requiredString("zip", 1, 20);
        String town = in.requiredString("town", 1, 100);
        String countryCode = countryCode(in, in.requiredString("country_code", 3, 3));
        Optional<String> addressLine2 = in.optionalString("address_line2", 0, 200).filter(s -> !s.isEmpty());
        Optional<String> state = in.optionalString("state", 0, 100).filter(s -> !s.isEmpty());
        Optional<String> taxNumber = in.optionalString("tax_number", 0, 64).filter(s -> !s.isEmpty());
        Map<String, String> metadata = in.optionalObject("metadata")
                .map(m -> Metadata.forCreate(m, in.where("metadata"))).orElse(Map.of());
        String parent = in.optionalUuid("managed_by_organization_id").orElse(caller.organizationId());
        scope.require(caller, parent);
        Organization org = service.create(new NewOrganization(Optional.of(parent), name, addressLine1, addressLine2,
                zip, town, state, countryCode, taxNumber, metadata), caller.apiKeyId());
        Responses.json(res, render(org, caller.organizationId()));
    }

    private void get(ServerRequest req, ServerResponse res, Caller caller) {
        Organization org = scope.require(caller, ManagementScope.organizationIdParam(req));
        Responses.json(res, render(org, caller.organizationId()));
    }

    private void update(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req)); // media type and JSON syntax come first (§1.9)
        String id = ManagementScope.organizationIdParam(req);
        Optional<String> name = in.optionalString("name", 1, 200);
        Optional<String> addressLine1 = in.optionalString("address_line1", 1, 200);
        Optional<String> zip = in.optionalString("zip", 1, 20);
        Optional<String> town = in.optionalString("town", 1, 100);
        Optional<String> countryCode = in.optionalString("country_code", 3, 3).map(c -> countryCode(in, c));
        Optional<String> addressLine2 = in.optionalString("address_line2", 0, 200);
        Optional<String> state = in.optionalString("state", 0, 100);
        Optional<String> taxNumber = in.optionalString("tax_number", 0, 64);
        Optional<ObjectNode> metadataChange = in.optionalObject("metadata");
        metadataChange.ifPresent(m -> Metadata.validate(m, in.where("metadata")));
        Organization org = scope.require(caller, id);
        Map<String, String> metadata = metadataChange
                .map(m -> Metadata.merge(org.metadata(), m, in.where("metadata"))).orElse(org.metadata());
        Organization changed = new Organization(org.id(), org.managedBy(),
                name.orElse(org.name()),
                addressLine1.orElse(org.addressLine1()),
                replaceOptional(org.addressLine2(), addressLine2),
                zip.orElse(org.zip()),
                town.orElse(org.town()),
                replaceOptional(org.state(), state),
                countryCode.orElse(org.countryCode()),
                replaceOptional(org.taxNumber(), taxNumber),
                metadata, org.createdBy(), org.createdAt());
        organizations.update(changed);
        Responses.json(res, render(changed, caller.organizationId()));
    }

    /** A given optional field replaces the stored one; {@code ""} removes it. */
    private static Optional<String> replaceOptional(Optional<String> stored, Optional<String> given) {
        return given.isPresent() ? given.filter(s -> !s.isEmpty()) : stored;
    }

    private static String countryCode(JsonInput in, String given) {
        return CountryCodes.normalize(given).orElseThrow(
                () -> ApiError.schema(in.where("country_code") + " must be an ISO 3166-1 alpha-3 country code"));
    }

    public static ObjectNode render(Organization org, String viewerOrganizationId) {
        ObjectNode node = Json.object();
        node.put("_id", org.id());
        node.put("_type", org.id().equals(viewerOrganizationId) ? "ORGANIZATION" : "MANAGED_ORGANIZATION");
        node.putArray("_envs").add("TEST").add("LIVE");
        node.put("name", org.name());
        node.put("address_line1", org.addressLine1());
        org.addressLine2().ifPresent(v -> node.put("address_line2", v));
        node.put("zip", org.zip());
        node.put("town", org.town());
        org.state().ifPresent(v -> node.put("state", v));
        node.put("country_code", org.countryCode());
        org.taxNumber().ifPresent(v -> node.put("tax_number", v));
        node.put("managed_by_organization_id", org.managedBy().orElse(""));
        if (org.createdBy().isPresent()) {
            node.put("created_by_user", org.createdBy().get());
        } else {
            node.putNull("created_by_user");
        }
        node.set("metadata", Metadata.toNode(org.metadata()));
        node.put("created_at", org.createdAt());
        return node;
    }
}
