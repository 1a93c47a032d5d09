package org.opentss.identity;

import io.helidon.webserver.http.ServerRequest;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.JsonInput;

/**
 * Resolves the organization a management request addresses: the caller's own or one it manages,
 * directly or transitively; any other id is indistinguishable from an unknown one (sign-de-v2.md §12.1).
 */
final class ManagementScope {

    private final OrganizationRepository organizations;

    ManagementScope(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    /** The id in the path, checked for UUID form (a 400 otherwise). */
    static String organizationIdParam(ServerRequest req) {
        return JsonInput.uuid(req.path().pathParameters().get("organization_id"), "params/organization_id");
    }

    Organization require(Caller caller, String organizationId) {
        return organizations.findInScope(caller.organizationId(), organizationId)
                .orElseThrow(ManagementScope::notFound);
    }

    static ApiError notFound() {
        return ApiError.of(ErrorCode.E_ORGANIZATION_NOT_FOUND, "Organization not found");
    }
}
