package org.opentss.hub;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Optional;
import org.opentss.identity.Environment;
import org.opentss.identity.HubAccountRefused;
import org.opentss.identity.HubAccounts;
import org.opentss.identity.HubSessions;
import org.opentss.identity.HubUser;
import org.opentss.identity.Organization;

/** Sign-up, sign-in and sign-out, and switching the organization and environment a session shows. */
public final class AccountPages implements HttpService {

    private final HubGuard guard;
    private final HubLayout layout;
    private final HubAccounts accounts;
    private final HubSessions sessions;
    private final boolean signUpEnabled;

    public AccountPages(HubGuard guard, HubLayout layout, HubAccounts accounts, HubSessions sessions,
            boolean signUpEnabled) {
        this.guard = guard;
        this.layout = layout;
        this.accounts = accounts;
        this.sessions = sessions;
        this.signUpEnabled = signUpEnabled;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/sign-in", guard.anonymous(this::signInForm))
                .post("/hub/sign-in", guard.anonymous(this::signIn))
                .get("/hub/sign-up", guard.anonymous(this::signUpForm))
                .post("/hub/sign-up", guard.anonymous(this::signUp))
                .post("/hub/sign-out", guard.signedIn(this::signOut))
                .post("/hub/switch", guard.signedIn(this::switchView));
    }

    private void signInForm(ServerRequest req, ServerResponse res, Form form, String csrf) {
        HubReply.html(res, 200, signInPage(new FormView(form), csrf, req.query().first("next").orElse("/hub")));
    }

    private void signIn(ServerRequest req, ServerResponse res, Form form, String csrf) {
        FormView view = new FormView(form);
        try {
            HubUser user = accounts.signIn(form.text("email"), form.raw("password"), req.remotePeer().host());
            String token = sessions.open(user.id(), Optional.empty());
            guard.startSession(req, res, token);
            HubReply.redirect(res, HubGuard.safeNext(form.text("next")));
        } catch (HubAccountRefused refused) {
            view.error("", refused.getMessage());
            refused.retryAfterSeconds().ifPresent(seconds -> res.header("Retry-After", Long.toString(seconds)));
            int status = refused.retryAfterSeconds().isPresent() ? 429 : 401;
            HubReply.html(res, status, signInPage(view, csrf, form.text("next")));
        }
    }

    private String signInPage(FormView view, String csrf, String next) {
        String signUp = signUpEnabled
                ? "<p class=\"muted\">New here? <a href=\"/hub/sign-up\">Create an account</a>.</p>"
                : "<p class=\"muted\">No account yet? The administrator of this OpenTSS creates one with "
                        + "<code>opentss hub-user create</code>.</p>";
        return layout.bare("Sign in", "<h1>Sign in</h1>" + view.summary()
                + "<form method=\"post\" action=\"/hub/sign-in\" novalidate>" + Html.csrfField(csrf)
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(HubGuard.safeNext(next)) + "\">"
                + view.input("email", "Email", "email", true, "")
                + view.input("password", "Password", "password", true, "")
                + "<button type=\"submit\">Sign in</button></form>" + signUp);
    }

    private void signUpForm(ServerRequest req, ServerResponse res, Form form, String csrf) {
        if (!signUpEnabled) {
            signUpClosed(res);
            return;
        }
        HubReply.html(res, 200, signUpPage(new FormView(form), csrf));
    }

    private void signUp(ServerRequest req, ServerResponse res, Form form, String csrf) {
        if (!signUpEnabled) {
            signUpClosed(res);
            return;
        }
        FormView view = new FormView(form);
        if (!form.raw("password").equals(form.raw("password_repeat"))) {
            view.error("password_repeat", "The two passwords differ.");
            HubReply.html(res, 422, signUpPage(view, csrf));
            return;
        }
        try {
            HubUser user = accounts.signUp(form.text("email"), form.raw("password"));
            guard.startSession(req, res, sessions.open(user.id(), Optional.empty()));
            HubReply.redirect(res, "/hub/organizations/new");
        } catch (HubAccountRefused refused) {
            view.error(refused.fieldName().orElse(""), refused.getMessage());
            HubReply.html(res, 422, signUpPage(view, csrf));
        }
    }

    private String signUpPage(FormView view, String csrf) {
        return layout.bare("Create an account", "<h1>Create an account</h1>" + view.summary()
                + "<form method=\"post\" action=\"/hub/sign-up\" novalidate>" + Html.csrfField(csrf)
                + view.input("email", "Email", "email", true, "")
                + view.input("password", "Password", "password", true,
                        "At least " + HubAccounts.MIN_PASSWORD_LENGTH + " characters.")
                + view.input("password_repeat", "Repeat the password", "password", true, "")
                + "<button type=\"submit\">Create account</button></form>"
                + "<p class=\"muted\">Have an account? <a href=\"/hub/sign-in\">Sign in</a>.</p>");
    }

    private void signUpClosed(ServerResponse res) {
        HubReply.html(res, 404, layout.bare("Sign-up is off", "<h1>Sign-up is off</h1><p>This OpenTSS does not "
                + "let people create their own accounts. Ask its administrator for one.</p>"
                + "<p><a href=\"/hub/sign-in\">Sign in</a></p>"));
    }

    private void signOut(ServerRequest req, ServerResponse res, HubContext ctx) {
        guard.endSession(req, res, ctx.session());
        HubReply.redirect(res, "/hub/sign-in");
    }

    /** Another visible organization, or the other environment; anything else leaves the view as it is. */
    private void switchView(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<Organization> org = ctx.form().optional("organization").flatMap(ctx::visibleOrganization);
        Environment env = ctx.form().optional("env").filter(e -> e.equals("LIVE") || e.equals("TEST"))
                .map(Environment::valueOf).orElse(ctx.env());
        org.or(ctx::organization).ifPresent(shown -> sessions.show(ctx.session(), shown.id(), env));
        String back = req.headers().first(HeaderNames.REFERER).map(AccountPages::section).orElse("/hub");
        HubReply.redirect(res, back);
    }

    /**
     * The section of the page the switch was made on ({@code /hub/tss/…} → {@code /hub/tss}): its list makes
     * sense in the other organization too, a detail page of the old one would not.
     */
    static String section(String referer) {
        try {
            String path = URI.create(referer).getPath();
            if (path == null || !path.startsWith("/hub/")) {
                return "/hub";
            }
            String[] parts = path.split("/");
            return parts.length > 2 && parts[2].matches("[a-z-]+") ? "/hub/" + parts[2] : "/hub";
        } catch (IllegalArgumentException e) {
            return "/hub";
        }
    }
}
