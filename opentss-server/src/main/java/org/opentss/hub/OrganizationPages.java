package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import org.opentss.identity.CountryCodes;
import org.opentss.identity.HubAccounts;
import org.opentss.identity.HubSessions;
import org.opentss.identity.NewOrganization;
import org.opentss.identity.Organization;
import org.opentss.identity.OrganizationService;

/**
 * The organizations a user sees, and creating one: a user without any creates their own (and becomes its
 * member); otherwise the new organization is managed by the one shown (sign-de-v2.md §12.2).
 */
public final class OrganizationPages implements HttpService {

    private final HubGuard guard;
    private final HubLayout layout;
    private final OrganizationService organizations;
    private final HubAccounts accounts;
    private final HubSessions sessions;

    public OrganizationPages(HubGuard guard, HubLayout layout, OrganizationService organizations,
            HubAccounts accounts, HubSessions sessions) {
        this.guard = guard;
        this.layout = layout;
        this.organizations = organizations;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/organizations", guard.inOrganization(this::list))
                .get("/hub/organizations/new", guard.signedIn((req, res, ctx) ->
                        HubReply.html(res, 200, form(ctx, new FormView(ctx.form())))))
                .post("/hub/organizations/new", guard.signedIn(this::create));
    }

    private void list(ServerRequest req, ServerResponse res, HubContext ctx) {
        StringBuilder rows = new StringBuilder();
        for (Organization org : ctx.visible()) {
            String parent = org.managedBy().flatMap(ctx::visibleOrganization).map(Organization::name)
                    .or(() -> org.managedBy().map(id -> "—")).orElse("—");
            rows.append("<tr><td>").append(Html.esc(org.name()))
                    .append(org.id().equals(ctx.org().id()) ? " " + Html.badge("shown", "ok") : "")
                    .append("</td><td><code>").append(Html.esc(org.id())).append("</code></td><td>")
                    .append(Html.esc(parent)).append("</td><td>").append(Html.esc(org.town())).append("</td><td>")
                    .append(Html.time(org.createdAt())).append("</td></tr>");
        }
        String body = "<div class=\"page-head\"><h1>Organizations</h1>"
                + "<a class=\"button\" href=\"/hub/organizations/new\">New managed organization</a></div>"
                + "<p class=\"muted\">Your organizations and those they manage. A managed organization has TSSs and "
                + "API keys of its own; switch to it in the header.</p>"
                + "<div class=\"table-wrap\"><table><thead><tr><th>Name</th><th>ID</th><th>Managed by</th>"
                + "<th>Town</th><th>Created</th></tr></thead><tbody>" + rows + "</tbody></table></div>";
        HubReply.html(res, 200, layout.page(ctx, "/hub/organizations", "Organizations", body));
    }

    private void create(ServerRequest req, ServerResponse res, HubContext ctx) {
        Form form = ctx.form();
        FormView view = new FormView(form);
        require(view, form, "name", 200);
        require(view, form, "address_line1", 200);
        require(view, form, "zip", 20);
        require(view, form, "town", 100);
        Optional<String> country = CountryCodes.normalize(form.text("country_code"));
        if (country.isEmpty()) {
            view.error("country_code", "Enter a three-letter ISO 3166 country code such as DEU.");
        }
        if (form.text("tax_number").length() > 64) {
            view.error("tax_number", "Use at most 64 characters.");
        }
        if (view.hasErrors()) {
            HubReply.html(res, 422, form(ctx, view));
            return;
        }
        Optional<String> managedBy = ctx.organization().map(Organization::id);
        Organization org = organizations.create(new NewOrganization(managedBy, form.text("name"),
                form.text("address_line1"), Optional.empty(), form.text("zip"), form.text("town"), Optional.empty(),
                country.get(), form.optional("tax_number"), Map.of()), null);
        if (managedBy.isEmpty()) {
            accounts.addMembership(ctx.user().id(), org.id());
        }
        sessions.show(ctx.session(), org.id(), ctx.env());
        HubReply.redirect(res, managedBy.isEmpty() ? "/hub" : "/hub/organizations");
    }

    private static void require(FormView view, Form form, String field, int maxLength) {
        String value = form.text(field);
        if (value.isEmpty()) {
            view.error(field, "Required.");
        } else if (value.length() > maxLength) {
            view.error(field, "Use at most " + maxLength + " characters.");
        }
    }

    private String form(HubContext ctx, FormView view) {
        boolean first = ctx.organization().isEmpty();
        String intro = first
                ? "<h1>Create your organization</h1><p class=\"muted\">The business that operates the cash registers. "
                        + "Its TSSs, clients and API keys are kept apart from every other organization's.</p>"
                : "<h1>New managed organization</h1><p class=\"muted\">Managed by " + Html.esc(ctx.org().name())
                        + ": for a merchant you run cash registers for.</p>";
        String fields = view.summary() + "<form method=\"post\" action=\"/hub/organizations/new\" novalidate>"
                + Html.csrfField(ctx.csrf())
                + view.input("name", "Name", "text", true, "")
                + view.input("address_line1", "Street and number", "text", true, "")
                + "<div class=\"row\">" + view.input("zip", "Postal code", "text", true, "")
                + view.input("town", "Town", "text", true, "") + "</div>"
                + view.input("country_code", "Country", "text", true, "ISO 3166 alpha-3, e.g. DEU.",
                        ctx.form().optional("country_code").orElse("DEU"))
                + view.input("tax_number", "Tax number", "text", false, "")
                + "<button type=\"submit\">Create organization</button></form>";
        String signOut = "<form method=\"post\" action=\"/hub/sign-out\" class=\"muted\">" + Html.csrfField(ctx.csrf())
                + "Signed in as " + Html.esc(ctx.user().email()) + ". <button type=\"submit\" class=\"link\">Sign out"
                + "</button></form>";
        return first ? layout.bare("Create your organization", intro + fields + signOut)
                : layout.page(ctx, "/hub/organizations", "New organization", intro + "<div class=\"card\">" + fields
                        + "</div>");
    }
}
