package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentss.identity.ApiKey;
import org.opentss.identity.ApiKeyRepository;
import org.opentss.identity.ApiKeyService;
import org.opentss.identity.BearerAuthenticator;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;

/**
 * The shown organization's API keys: create one (its secret is shown on the answer page only, never again),
 * list them with masked keys, disable, enable and delete them (sign-de-v2.md §12.4).
 */
public final class ApiKeyPages implements HttpService {

    private static final int MAX_KEYS = 500;
    private static final int MAX_NAME_LENGTH = 100;

    private final HubGuard guard;
    private final HubLayout layout;
    private final ApiKeyRepository apiKeys;
    private final ApiKeyService service;
    private final BearerAuthenticator authenticator;

    public ApiKeyPages(HubGuard guard, HubLayout layout, ApiKeyRepository apiKeys, ApiKeyService service,
            BearerAuthenticator authenticator) {
        this.guard = guard;
        this.layout = layout;
        this.apiKeys = apiKeys;
        this.service = service;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/api-keys", guard.inOrganization((req, res, ctx) ->
                        HubReply.html(res, 200, page(ctx, new FormView(ctx.form()), ""))))
                .post("/hub/api-keys", guard.inOrganization(this::create))
                .post("/hub/api-keys/{id}/status", guard.inOrganization(this::changeStatus))
                .post("/hub/api-keys/{id}/delete", guard.inOrganization(this::delete));
    }

    private void create(ServerRequest req, ServerResponse res, HubContext ctx) {
        FormView view = new FormView(ctx.form());
        String name = ctx.form().text("name");
        if (name.isEmpty()) {
            view.error("name", "Give the key a name, such as the cash register or integration that uses it.");
        } else if (name.length() > MAX_NAME_LENGTH) {
            view.error("name", "Use at most " + MAX_NAME_LENGTH + " characters.");
        }
        Optional<Environment> env = ctx.form().optional("env").filter(e -> e.equals("TEST") || e.equals("LIVE"))
                .map(Environment::valueOf);
        if (env.isEmpty()) {
            view.error("env", "Choose TEST or LIVE.");
        }
        if (view.hasErrors()) {
            HubReply.html(res, 422, page(ctx, view, ""));
            return;
        }
        CreatedApiKey created = service.create(ctx.org().id(), env.get(), name, ApiKey.Status.ENABLED, Map.of(),
                Optional.empty(), Optional.empty());
        // the answer to the form itself shows the secret: no redirect, so it is never in a URL, a log or a
        // second response; the script turns the address into the list's, so a reload shows the list only
        HubReply.html(res, 200, page(ctx, new FormView(Form.empty()), secretBox(created)));
    }

    private void changeStatus(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<ApiKey> key = ownKey(req, ctx);
        if (key.isEmpty()) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        ApiKey.Status status = ctx.form().text("status").equals("disabled") ? ApiKey.Status.DISABLED
                : ApiKey.Status.ENABLED;
        service.update(key.get().withStatus(status));
        authenticator.forgetCachedStatuses();
        HubReply.redirect(res, "/hub/api-keys");
    }

    private void delete(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<ApiKey> key = ownKey(req, ctx);
        if (key.isEmpty()) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        service.delete(key.get());
        authenticator.forgetCachedStatuses();
        HubReply.redirect(res, "/hub/api-keys");
    }

    /** The key in the path if it belongs to the shown organization; another's is as unknown as a missing one. */
    private Optional<ApiKey> ownKey(ServerRequest req, HubContext ctx) {
        return HubIds.uuid(req.path().pathParameters().get("id")).flatMap(apiKeys::find)
                .filter(key -> key.organizationId().equals(ctx.org().id()));
    }

    private String page(HubContext ctx, FormView view, String secret) {
        List<ApiKey> keys = apiKeys.list(ctx.org().id(), Optional.empty(), MAX_KEYS, 0);
        Map<String, String> envs = new LinkedHashMap<>();
        envs.put("TEST", "TEST");
        envs.put("LIVE", "LIVE");
        String form = "<section class=\"card\"><h2>Create an API key</h2>" + view.summary()
                + "<form method=\"post\" action=\"/hub/api-keys\" novalidate>" + Html.csrfField(ctx.csrf())
                + "<div class=\"row\">" + view.select("env", "Environment of the key", envs, ctx.env().name())
                + view.input("name", "Name", "text", true, "Where the key is used, e.g. Kasse 1 or Shop backend.")
                + "</div><button type=\"submit\">Create API key</button></form></section>";
        String list = keys.isEmpty()
                ? Html.emptyState("No API keys yet",
                        "Create one above; your cash register software signs in to the TSS API with its key and secret.")
                : table(ctx, keys);
        String body = "<div class=\"page-head\"><h1>API keys</h1></div>" + secret + form + "<h2>Keys</h2>" + list;
        return layout.page(ctx, "/hub/api-keys", "API keys", body);
    }

    private static String table(HubContext ctx, List<ApiKey> keys) {
        StringBuilder rows = new StringBuilder();
        for (ApiKey key : keys) {
            String toggle = key.isEnabled() ? "disabled" : "enabled";
            rows.append("<tr data-key-id=\"").append(Html.esc(key.id())).append("\"><td>").append(Html.esc(key.name()))
                    .append("</td><td><code>").append(Html.esc(masked(key.key()))).append("</code></td><td>")
                    .append(Html.badge(key.env().name(), key.env() == Environment.LIVE ? "warn" : "off"))
                    .append("</td><td>").append(Html.badge(key.status().wireName(), key.isEnabled() ? "ok" : "off"))
                    .append("</td><td>").append(Html.time(key.createdAt())).append("</td><td>")
                    .append(action(ctx, "/hub/api-keys/" + key.id() + "/status", "status", toggle,
                            key.isEnabled() ? "Disable" : "Enable", "secondary small", key.name()))
                    .append(' ')
                    .append(action(ctx, "/hub/api-keys/" + key.id() + "/delete", "confirm", "yes", "Delete",
                            "danger small", key.name()))
                    .append("</td></tr>");
        }
        return "<div class=\"table-wrap\"><table><thead><tr><th>Name</th><th>Key</th><th>Environment</th>"
                + "<th>Status</th><th>Created</th><th>Actions</th></tr></thead><tbody>" + rows + "</tbody></table></div>";
    }

    private static String action(HubContext ctx, String path, String field, String value, String label,
            String style, String keyName) {
        String confirm = label.equals("Delete")
                ? " data-confirm=\"Delete the key " + Html.esc(keyName) + "? Integrations using it stop working.\""
                : "";
        return "<form method=\"post\" action=\"" + Html.esc(path) + "\"" + confirm + ">" + Html.csrfField(ctx.csrf())
                + "<input type=\"hidden\" name=\"" + field + "\" value=\"" + value + "\">"
                + "<button type=\"submit\" class=\"" + style + "\" aria-label=\"" + label + " " + Html.esc(keyName)
                + "\">" + label + "</button></form>";
    }

    private static String secretBox(CreatedApiKey created) {
        return "<section class=\"secret\" role=\"status\" data-replace-url=\"/hub/api-keys\">"
                + "<h2>Your new API key</h2>"
                + "<p><strong>Copy the secret now. It is shown only this once:</strong> OpenTSS keeps only a hash of "
                + "it and cannot show it again. If you lose it, create a new key.</p>"
                + "<p class=\"secret-label\">API key</p><div class=\"secret-value\"><code id=\"new-api-key\">"
                + Html.esc(created.key().key()) + "</code><button type=\"button\" class=\"secondary small\" "
                + "data-copy=\"new-api-key\">Copy key</button></div>"
                + "<p class=\"secret-label\">API secret</p><div class=\"secret-value\"><code id=\"new-api-secret\">"
                + Html.esc(created.secret()) + "</code><button type=\"button\" class=\"secondary small\" "
                + "data-copy=\"new-api-secret\">Copy secret</button></div></section>";
    }

    /** {@code test_ab12…_kasse1}: enough to tell keys apart, not the whole key. */
    static String masked(String key) {
        int first = key.indexOf('_');
        int last = key.lastIndexOf('_');
        if (first < 0 || last <= first + 4) {
            return key.length() <= 4 ? "…" : key.substring(0, 4) + "…";
        }
        return key.substring(0, first + 5) + "…" + key.substring(last);
    }
}
