package org.opentss.pos.account;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.PosError;
import org.opentss.http.RequestBody;
import org.opentss.identity.Environment;
import org.opentss.pos.Idempotency;
import org.opentss.pos.PosCaller;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosGuard;
import org.opentss.pos.PosInput;
import org.opentss.pos.PosPage;
import org.opentss.pos.PosResponse;
import org.opentss.store.Database;
import tools.jackson.databind.node.ObjectNode;

/**
 * Platform API keys (pos-api.md §9): the exchange of a setup token for the first key, and the keys of the
 * calling key's home organization. A test key sees, creates and revokes only test keys (§4.6).
 */
public final class PlatformApiKeysApi implements HttpService {

    private static final String BOOTSTRAP = "/v1/auth/bootstrap";
    private static final String API_KEYS = "/v1/auth/api-keys";
    private static final Set<String> ENVIRONMENTS = Set.of("test", "live");

    private final Database database;
    private final SetupTokens setupTokens;
    private final PlatformApiKeys keys;
    private final PosDirectory directory;
    private final PosGuard guard;
    private final Idempotency idempotency;

    public PlatformApiKeysApi(Database database, SetupTokens setupTokens, PlatformApiKeys keys, PosDirectory directory,
            PosGuard guard, Idempotency idempotency) {
        this.database = database;
        this.setupTokens = setupTokens;
        this.keys = keys;
        this.directory = directory;
        this.guard = guard;
        this.idempotency = idempotency;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(BOOTSTRAP, guard.open(this::bootstrap))
                .post(API_KEYS, guard.platform(this::create))
                .get(API_KEYS, guard.platform(this::list))
                .delete(API_KEYS + "/{key_id}", guard.platform(this::revoke));
    }

    /** §9.1: any credential sent along is ignored; the token alone decides (§4.6). */
    private PosResponse bootstrap(ServerRequest req) {
        ObjectNode body = RequestBody.optionalObject(req);
        PosInput in = PosInput.of(body);
        String token = in.requiredString("setup_token", 0, Integer.MAX_VALUE);
        String organizationId = setupTokens.organizationOf(token).orElseThrow(PosError::unauthorized);
        // The token has no environment of its own: its organization alone scopes the Idempotency-Key.
        Idempotency.Scope scope = new Idempotency.Scope(Environment.LIVE, organizationId, "POST " + BOOTSTRAP);
        return idempotency.run(req, scope, body, resume -> {
            in.allowOnly(Set.of("setup_token", "label", "environment"));
            String label = in.optionalString("label", 1, 100).orElse("Bootstrap key");
            Environment env = environment(in).orElse(Environment.LIVE);
            // one transaction: of two concurrent exchanges of one token exactly one creates a key
            ObjectNode created = database.inTransaction(h -> {
                setupTokens.consume(h, token);
                PlatformApiKeys.Created key = keys.create(h, organizationId, env, label, Optional.empty());
                return key.key().render(directory.ensurePosId(h, organizationId), Optional.of(key.secret()));
            });
            return PosResponse.created(created);
        });
    }

    /** §9.2 */
    private PosResponse create(ServerRequest req, PosCaller caller) {
        requireHomeOrganization(caller);
        ObjectNode body = RequestBody.optionalObject(req);
        Idempotency.Scope scope = new Idempotency.Scope(caller.env(), caller.homeOrganization(), "POST " + API_KEYS);
        return idempotency.run(req, scope, body, resume -> {
            PosInput in = PosInput.of(body).allowOnly(Set.of("label", "description", "environment"));
            String label = in.requiredString("label", 1, 100);
            Optional<String> description = in.nullableString("description", 0, 500);
            Environment env = environment(in).orElse(caller.env());
            if (caller.env() == Environment.TEST && env == Environment.LIVE) {
                throw PosError.forbidden("A test key can only create test keys.");
            }
            PlatformApiKeys.Created created = keys.create(caller.homeOrganization(), env, label, description);
            return PosResponse.created(created.key().render(homePosId(caller), Optional.of(created.secret())));
        });
    }

    /** §9.3: active keys, newest first. */
    private PosResponse list(ServerRequest req, PosCaller caller) {
        requireHomeOrganization(caller);
        PosPage page = PosPage.of(req);
        String posId = homePosId(caller);
        return PosResponse.ok(page.list(keys.listActive(caller.homeOrganization(), visibleEnvironment(caller), page),
                key -> key.render(posId, Optional.empty()), PlatformApiKey::id));
    }

    /** §9.4: an unknown, revoked or invisible key is a 404. */
    private PosResponse revoke(ServerRequest req, PosCaller caller) {
        requireHomeOrganization(caller);
        String keyId = req.path().pathParameters().get("key_id");
        PlatformApiKey revoked = keys.revoke(caller.homeOrganization(), visibleEnvironment(caller), keyId)
                .orElseThrow(() -> PosError.notFound("No such platform API key."));
        return PosResponse.ok(revoked.render(homePosId(caller), Optional.empty()));
    }

    /** Keys are managed for the home organization; the header may only confirm it (§4.2). */
    private static void requireHomeOrganization(PosCaller caller) {
        if (!caller.actingOrganization().equals(caller.homeOrganization())) {
            throw PosError.forbidden("API keys are managed for the key's own organization only; "
                    + "OpenFiskal-Organization must name it or be left out.");
        }
    }

    /** A live key sees the keys of both environments, a test key only test keys (§2.4). */
    private static Optional<Environment> visibleEnvironment(PosCaller caller) {
        return caller.env() == Environment.TEST ? Optional.of(Environment.TEST) : Optional.empty();
    }

    private String homePosId(PosCaller caller) {
        return directory.posId(caller.homeOrganization());
    }

    private static Optional<Environment> environment(PosInput in) {
        return in.optionalEnum("environment", ENVIRONMENTS)
                .map(name -> Environment.valueOf(name.toUpperCase(Locale.ROOT)));
    }
}
