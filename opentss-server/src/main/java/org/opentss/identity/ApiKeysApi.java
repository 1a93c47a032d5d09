package org.opentss.identity;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.ApiError;
import org.opentss.http.ApiGuard;
import org.opentss.http.ErrorCode;
import org.opentss.http.Json;
import org.opentss.http.JsonInput;
import org.opentss.http.Metadata;
import org.opentss.http.QueryInput;
import org.opentss.http.RateClass;
import org.opentss.http.RequestBody;
import org.opentss.http.Responses;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The API key endpoints of the management API (sign-de-v2.md §12.4). */
public final class ApiKeysApi implements HttpService {

    private static final Set<String> STATUSES = Set.of("enabled", "disabled");
    private static final Set<String> ENVS = Set.of("TEST", "LIVE");
    private static final String KEYS = "/api/v0/organizations/{organization_id}/api-keys";
    private static final String KEY = KEYS + "/{api_key_id}";

    private final ApiKeyRepository apiKeys;
    private final ApiKeyService service;
    private final ManagementScope scope;
    private final ApiGuard guard;
    private final BearerAuthenticator authenticator;

    public ApiKeysApi(ApiKeyRepository apiKeys, ApiKeyService service, OrganizationRepository organizations,
            ApiGuard guard, BearerAuthenticator authenticator) {
        this.apiKeys = apiKeys;
        this.service = service;
        this.scope = new ManagementScope(organizations);
        this.guard = guard;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(KEYS, guard.authenticated(RateClass.MANAGEMENT, this::list))
                .post(KEYS, guard.authenticated(RateClass.MANAGEMENT, this::create))
                .get(KEY, guard.authenticated(RateClass.MANAGEMENT, this::get))
                .patch(KEY, guard.authenticated(RateClass.MANAGEMENT, this::update))
                .delete(KEY, guard.authenticated(RateClass.MANAGEMENT, this::delete));
    }

    private void list(ServerRequest req, ServerResponse res, Caller caller) {
        String orgId = ManagementScope.organizationIdParam(req);
        QueryInput query = new QueryInput(req.query());
        Optional<ApiKey.Status> status = query.oneOf("status", STATUSES).map(ApiKey.Status::ofWireName);
        QueryInput.Page page = query.page();
        Organization org = scope.require(caller, orgId);
        List<ApiKey> found = apiKeys.list(org.id(), status, page.limit(), page.offset());
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        found.forEach(key -> data.add(render(key, "API_KEY", null)));
        body.put("count", found.size());
        body.put("_type", "API_KEY_LIST");
        Responses.json(res, body);
    }

    private void create(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req)); // media type and JSON syntax come first (§1.9)
        String orgId = ManagementScope.organizationIdParam(req);
        String name = in.requiredString("name", 1, 100);
        ApiKey.Status status = in.optionalEnum("status", STATUSES).map(ApiKey.Status::ofWireName)
                .orElse(ApiKey.Status.ENABLED);
        Map<String, String> metadata = in.optionalObject("metadata")
                .map(m -> Metadata.forCreate(m, in.where("metadata"))).orElse(Map.of());
        Environment env = in.optionalEnum("env", ENVS).map(Environment::valueOf).orElse(caller.env());
        Organization org = scope.require(caller, orgId);
        if (env == Environment.LIVE && caller.env() == Environment.TEST) {
            throw ApiError.of(ErrorCode.E_ACCESS_DENIED, "a TEST token may create only TEST API keys");
        }
        boolean managed = !org.id().equals(caller.organizationId());
        CreatedApiKey created = service.create(org.id(), env, name, status, metadata, Optional.of(caller.apiKeyId()),
                managed ? Optional.of(caller.organizationId()) : Optional.empty());
        Responses.json(res, render(created.key(), managed ? "MANAGED_API_KEY" : "API_KEY", created.secret()));
    }

    private void get(ServerRequest req, ServerResponse res, Caller caller) {
        Responses.json(res, render(requireKey(req, caller), "API_KEY", null));
    }

    private void update(ServerRequest req, ServerResponse res, Caller caller) {
        JsonInput in = JsonInput.body(RequestBody.object(req)); // media type and JSON syntax come first (§1.9)
        String orgId = ManagementScope.organizationIdParam(req);
        String keyId = keyIdParam(req);
        Optional<String> name = in.optionalString("name", 1, 100);
        Optional<ApiKey.Status> status = in.optionalEnum("status", STATUSES).map(ApiKey.Status::ofWireName);
        Optional<ObjectNode> metadataChange = in.optionalObject("metadata");
        metadataChange.ifPresent(m -> Metadata.validate(m, in.where("metadata")));
        ApiKey key = findKey(caller, orgId, keyId);
        Map<String, String> metadata = metadataChange
                .map(m -> Metadata.merge(key.metadata(), m, in.where("metadata"))).orElse(key.metadata());
        ApiKey changed = service.update(new ApiKey(key.id(), key.organizationId(), key.env(), key.key(),
                key.secretHash(), name.orElse(key.name()), status.orElse(key.status()), metadata, key.createdBy(),
                key.managedBy(), key.createdAt()));
        authenticator.forgetCachedStatuses();
        Responses.json(res, render(changed, "API_KEY", null));
    }

    private void delete(ServerRequest req, ServerResponse res, Caller caller) {
        ApiKey key = requireKey(req, caller);
        service.delete(key);
        authenticator.forgetCachedStatuses();
        Responses.json(res, render(key, "API_KEY", null));
    }

    private ApiKey requireKey(ServerRequest req, Caller caller) {
        String orgId = ManagementScope.organizationIdParam(req);
        return findKey(caller, orgId, keyIdParam(req));
    }

    private ApiKey findKey(Caller caller, String orgId, String keyId) {
        Organization org = scope.require(caller, orgId);
        return apiKeys.find(keyId).filter(k -> k.organizationId().equals(org.id()))
                .orElseThrow(() -> ApiError.of(ErrorCode.E_API_KEY_NOT_FOUND, "API key not found"));
    }

    private static String keyIdParam(ServerRequest req) {
        return JsonInput.uuid(req.path().pathParameters().get("api_key_id"), "params/api_key_id");
    }

    /** @param secret shown only in the response that creates the key; null otherwise */
    public static ObjectNode render(ApiKey key, String type, String secret) {
        ObjectNode node = Json.object();
        node.put("_id", key.id());
        node.put("_type", type);
        node.putArray("_envs").add(key.env().name());
        node.put("key", key.key());
        if (secret != null) {
            node.put("secret", secret);
        }
        node.put("created_at", key.createdAt());
        if (key.createdBy().isPresent()) {
            node.put("created_by_user", key.createdBy().get());
        } else {
            node.putNull("created_by_user");
        }
        node.put("name", key.name());
        node.put("status", key.status().wireName());
        node.set("metadata", Metadata.toNode(key.metadata()));
        node.put("managed_by_organization_id", key.managedBy().orElse(""));
        return node;
    }
}
