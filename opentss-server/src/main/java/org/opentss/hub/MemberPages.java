package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opentss.identity.HubAccountRefused;
import org.opentss.identity.HubAccounts;
import org.opentss.identity.HubSessions;
import org.opentss.identity.HubUser;

/**
 * People: the members of the shown organization, adding one (a new person gets a generated password, shown
 * once), and the signed-in user's own password.
 */
public final class MemberPages implements HttpService {

    private final HubGuard guard;
    private final HubLayout layout;
    private final HubAccounts accounts;
    private final HubSessions sessions;

    public MemberPages(HubGuard guard, HubLayout layout, HubAccounts accounts, HubSessions sessions) {
        this.guard = guard;
        this.layout = layout;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/members", guard.inOrganization((req, res, ctx) ->
                        HubReply.html(res, 200, members(ctx, new FormView(ctx.form()), ""))))
                .post("/hub/members", guard.inOrganization(this::addMember))
                .post("/hub/members/{id}/remove", guard.inOrganization(this::removeMember))
                .get("/hub/account", guard.signedIn((req, res, ctx) ->
                        HubReply.html(res, 200, account(ctx, new FormView(ctx.form()), ""))))
                .post("/hub/account", guard.signedIn(this::changePassword));
    }

    private void addMember(ServerRequest req, ServerResponse res, HubContext ctx) {
        FormView view = new FormView(ctx.form());
        String email = ctx.form().text("email");
        Optional<HubAccounts.CreatedUser> created;
        try {
            created = accounts.addMember(email, ctx.org().id());
        } catch (HubAccountRefused refused) {
            view.error("email", refused.getMessage());
            HubReply.html(res, 422, members(ctx, view, ""));
            return;
        }
        String notice = created.map(user -> "<section class=\"secret\" role=\"status\" data-replace-url=\"/hub/members\">"
                + "<h2>Account created for " + Html.esc(user.user().email()) + "</h2><p><strong>Hand over this "
                + "password now. It is shown only this once;</strong> they can change it under Account.</p>"
                + "<div class=\"secret-value\"><code id=\"new-member-password\">" + Html.esc(user.password())
                + "</code><button type=\"button\" class=\"secondary small\" data-copy=\"new-member-password\">Copy "
                + "password</button></div></section>")
                .orElse("<div class=\"alert alert-ok\" role=\"status\" data-replace-url=\"/hub/members\">"
                        + Html.esc(email.trim().toLowerCase(Locale.ROOT)) + " has an account already and is now a "
                        + "member of " + Html.esc(ctx.org().name()) + ".</div>");
        HubReply.html(res, 200, members(ctx, new FormView(Form.empty()), notice));
    }

    /** Removes another member; nobody removes themselves, so an organization keeps the person managing it. */
    private void removeMember(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<String> userId = HubIds.uuid(req.path().pathParameters().get("id"));
        if (userId.isPresent() && userId.get().equals(ctx.user().id())) {
            HubReply.html(res, 409, members(ctx, new FormView(Form.empty()), "<div class=\"alert alert-error\" "
                    + "role=\"alert\" data-replace-url=\"/hub/members\">You cannot remove yourself. Another member "
                    + "can.</div>"));
            return;
        }
        if (userId.isEmpty() || !accounts.removeMember(userId.get(), ctx.org().id())) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        HubReply.redirect(res, "/hub/members");
    }

    private String members(HubContext ctx, FormView view, String notice) {
        List<HubUser> members = accounts.members(ctx.org().id());
        StringBuilder rows = new StringBuilder();
        for (HubUser member : members) {
            boolean you = member.id().equals(ctx.user().id());
            String remove = you ? "" : "<form method=\"post\" action=\"/hub/members/" + Html.esc(member.id())
                    + "/remove\" data-confirm=\"Remove " + Html.esc(member.email()) + " from "
                    + Html.esc(ctx.org().name()) + "?\">" + Html.csrfField(ctx.csrf())
                    + "<button type=\"submit\" class=\"danger small\" aria-label=\"Remove " + Html.esc(member.email())
                    + "\">Remove</button></form>";
            rows.append("<tr><td>").append(Html.esc(member.email())).append(you ? " " + Html.badge("you", "ok") : "")
                    .append("</td><td>").append(Html.time(member.createdAt() / 1000)).append("</td><td>").append(remove)
                    .append("</td></tr>");
        }
        String list = members.isEmpty()
                ? Html.emptyState("No direct members", "You see " + Html.esc(ctx.org().name()) + " through an "
                        + "organization that manages it. Add people who should see only this organization.")
                : "<div class=\"table-wrap\"><table><thead><tr><th>Email</th><th>Account since</th><th></th></tr>"
                        + "</thead><tbody>" + rows + "</tbody></table></div>";
        String body = "<div class=\"page-head\"><h1>Members</h1></div>" + notice
                + "<p class=\"muted\">People who sign in to the HUB and see " + Html.esc(ctx.org().name())
                + " and every organization it manages.</p>"
                + "<section class=\"card\"><h2>Add a member</h2>" + view.summary()
                + "<form method=\"post\" action=\"/hub/members\" novalidate>" + Html.csrfField(ctx.csrf())
                + view.input("email", "Email", "email", true, "A new person gets a generated password, shown once.")
                + "<button type=\"submit\">Add member</button></form></section>" + list;
        return layout.page(ctx, "/hub/members", "Members", body);
    }

    private void changePassword(ServerRequest req, ServerResponse res, HubContext ctx) {
        FormView view = new FormView(ctx.form());
        if (!ctx.form().raw("new_password").equals(ctx.form().raw("new_password_repeat"))) {
            view.error("new_password_repeat", "The two passwords differ.");
            HubReply.html(res, 422, account(ctx, view, ""));
            return;
        }
        try {
            accounts.changePassword(ctx.user(), ctx.form().raw("current_password"), ctx.form().raw("new_password"));
        } catch (HubAccountRefused refused) {
            String field = refused.fieldName().filter(f -> f.equals("current_password")).orElse(
                    refused.retryAfterSeconds().isPresent() ? "current_password" : "new_password");
            view.error(field, refused.getMessage());
            refused.retryAfterSeconds().ifPresent(seconds -> res.header("Retry-After", Long.toString(seconds)));
            HubReply.html(res, refused.retryAfterSeconds().isPresent() ? 429 : 422, account(ctx, view, ""));
            return;
        }
        // whoever knew the old password is signed out everywhere but here
        sessions.closeOthers(ctx.session());
        HubReply.html(res, 200, account(ctx, new FormView(Form.empty()), "<div class=\"alert alert-ok\" role=\"status\" "
                + "data-replace-url=\"/hub/account\">Your password is changed. Your other sessions are signed out.</div>"));
    }

    private String account(HubContext ctx, FormView view, String notice) {
        String body = "<div class=\"page-head\"><h1>Account</h1></div>" + notice
                + "<section class=\"card\"><dl class=\"facts\">" + Html.fact("Email", Html.esc(ctx.user().email()))
                + Html.fact("Organizations", Integer.toString(ctx.visible().size())) + "</dl></section>"
                + "<section class=\"card\"><h2>Change your password</h2>" + view.summary()
                + "<form method=\"post\" action=\"/hub/account\" novalidate>" + Html.csrfField(ctx.csrf())
                + view.input("current_password", "Current password", "password", true, "")
                + view.input("new_password", "New password", "password", true,
                        "At least " + HubAccounts.MIN_PASSWORD_LENGTH + " characters.")
                + view.input("new_password_repeat", "Repeat the new password", "password", true, "")
                + "<button type=\"submit\">Change password</button></form></section>";
        return ctx.organization().isPresent() ? layout.page(ctx, "/hub/account", "Account", body)
                : layout.bare("Account", body);
    }
}
