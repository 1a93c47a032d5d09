package org.opentss.hub;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentss.http.ApiError;
import org.opentss.identity.HubSession;
import org.opentss.identity.HubSessions;
import org.opentss.identity.HubUser;
import org.opentss.identity.HubUserRepository;
import org.opentss.identity.Organization;
import org.opentss.identity.OrganizationRepository;

/**
 * What every HUB request passes: the session cookie (else to the sign-in page), the CSRF token of every
 * form and a same-origin check, the organization shown, and failures of the layers below turned into a
 * page that says what went wrong.
 */
public final class HubGuard {

    public static final String SESSION_COOKIE = "opentss_hub";
    /** Binds the sign-in and sign-up forms' CSRF token to the browser before there is a session. */
    static final String PRE_SESSION_COOKIE = "opentss_hub_pre";
    public static final String CSRF_FIELD = "_csrf";
    private static final int MAX_VISIBLE_ORGANIZATIONS = 1000;

    /** A page for a signed-in user. */
    interface PageHandler {
        void handle(ServerRequest req, ServerResponse res, HubContext ctx);
    }

    /** A page before sign-in: the form fields and the CSRF token to put in its forms. */
    interface AnonymousHandler {
        void handle(ServerRequest req, ServerResponse res, Form form, String csrf);
    }

    private final HubSessions sessions;
    private final HubUserRepository users;
    private final OrganizationRepository organizations;
    private final HubLayout layout;
    private final Clock clock;

    public HubGuard(HubSessions sessions, HubUserRepository users, OrganizationRepository organizations,
            HubLayout layout, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.organizations = organizations;
        this.layout = layout;
        this.clock = clock;
    }

    /** A page that needs a signed-in user, with or without an organization. */
    Handler signedIn(PageHandler handler) {
        return (req, res) -> withContext(req, res).ifPresent(ctx -> run(req, res, ctx, handler));
    }

    /** A page about the shown organization; a user who has none yet is sent to create one. */
    Handler inOrganization(PageHandler handler) {
        return (req, res) -> withContext(req, res).ifPresent(ctx -> {
            if (ctx.organization().isEmpty()) {
                HubReply.redirect(res, "/hub/organizations/new");
                return;
            }
            run(req, res, ctx, handler);
        });
    }

    /** A page before sign-in (sign-in, sign-up): its forms carry a token bound to a pre-session cookie. */
    Handler anonymous(AnonymousHandler handler) {
        return (req, res) -> {
            Optional<String> binding = req.headers().cookies().first(PRE_SESSION_COOKIE).asOptional();
            String token = binding.orElseGet(sessions::randomToken);
            if (binding.isEmpty()) {
                res.headers().addCookie(cookie(req, PRE_SESSION_COOKIE, token, Duration.ofHours(12)));
            }
            checkedForm(req, res, token).ifPresent(form -> handler.handle(req, res, form, sessions.csrfToken(token)));
        };
    }

    /** Sets the session cookie after a sign-in; the pre-session cookie has served its purpose. */
    void startSession(ServerRequest req, ServerResponse res, String token) {
        res.headers().addCookie(cookie(req, SESSION_COOKIE, token, sessions.ttl()));
        res.headers().addCookie(cookie(req, PRE_SESSION_COOKIE, "", Duration.ZERO));
    }

    void endSession(ServerRequest req, ServerResponse res, HubSession session) {
        sessions.close(session);
        res.headers().addCookie(cookie(req, SESSION_COOKIE, "", Duration.ZERO));
    }

    /**
     * The place to return to after signing in: a HUB path only, so that the sign-in page cannot be used to
     * send people elsewhere.
     */
    static String safeNext(String next) {
        boolean hubPath = next != null && (next.equals("/hub") || next.startsWith("/hub/") && !next.startsWith("/hub//"));
        return hubPath && !next.contains("\\") ? next : "/hub";
    }

    private Optional<HubContext> withContext(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.headers().cookies().first(SESSION_COOKIE).asOptional().filter(t -> !t.isEmpty());
        Optional<HubSession> session = token.flatMap(sessions::find);
        Optional<HubUser> user = session.flatMap(s -> users.find(s.userId()));
        if (user.isEmpty()) {
            String here = req.path().rawPath() + (req.query().rawValue().isEmpty() ? "" : "?" + req.query().rawValue());
            String next = req.prologue().method() == Method.GET ? here : "/hub";
            HubReply.redirect(res, "/hub/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return Optional.empty();
        }
        Optional<Form> form = checkedForm(req, res, token.get());
        if (form.isEmpty()) {
            return Optional.empty();
        }
        List<Organization> visible = visibleTo(user.get());
        Optional<Organization> shown = session.get().organizationId()
                .flatMap(id -> visible.stream().filter(o -> o.id().equals(id)).findFirst())
                .or(() -> visible.stream().findFirst());
        return Optional.of(new HubContext(session.get(), user.get(), visible, shown,
                sessions.csrfToken(token.get()), form.get(), clock));
    }

    private void run(ServerRequest req, ServerResponse res, HubContext ctx, PageHandler handler) {
        try {
            handler.handle(req, res, ctx);
        } catch (ApiError error) {
            if (!res.isSent()) {
                HubReply.html(res, error.status(), layout.page(ctx, "", "Something went wrong",
                        "<div class=\"alert alert-error\" role=\"alert\">" + Html.esc(error.getMessage()) + "</div>"
                                + "<p><a href=\"/hub\">Back to the overview</a></p>"));
            }
        }
    }

    /** The user's memberships and everything they manage, each organization once, memberships first. */
    private List<Organization> visibleTo(HubUser user) {
        Map<String, Organization> visible = new LinkedHashMap<>();
        for (String root : users.memberships(user.id())) {
            organizations.listScope(root, MAX_VISIBLE_ORGANIZATIONS, 0).forEach(o -> visible.putIfAbsent(o.id(), o));
        }
        return List.copyOf(visible.values());
    }

    /**
     * The submitted form of a POST whose CSRF token matches the browser's {@code binding} and that comes from
     * this origin (else the request is answered here and there is none); an empty form for other methods.
     */
    private Optional<Form> checkedForm(ServerRequest req, ServerResponse res, String binding) {
        if (req.prologue().method() != Method.POST) {
            return Optional.of(Form.empty());
        }
        Form form;
        try {
            form = Form.read(req);
        } catch (Form.Unreadable unreadable) {
            HubReply.html(res, unreadable.status(), layout.bare("Form refused", "<h1>This form was refused</h1>"
                    + "<div class=\"alert alert-error\" role=\"alert\">" + Html.esc(unreadable.getMessage())
                    + " Nothing was changed.</div><p><a href=\"/hub\">Back to the HUB</a></p>"));
            return Optional.empty();
        }
        if (!sameOrigin(req) || !sessions.csrfMatches(binding, form.raw(CSRF_FIELD))) {
            refuseForm(res);
            return Optional.empty();
        }
        return Optional.of(form);
    }

    /**
     * Browsers name the page a form was sent from in {@code Origin}; one from another site is refused even
     * with a valid token.
     */
    private static boolean sameOrigin(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return true;
        }
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        try {
            URI uri = URI.create(origin.get());
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host.isPresent() && authority != null && authority.equalsIgnoreCase(host.get());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void refuseForm(ServerResponse res) {
        HubReply.html(res, 403, layout.bare("Form expired", "<h1>This form has expired</h1>"
                + "<div class=\"alert alert-error\" role=\"alert\">The form was sent without a valid security token, "
                + "or from another site. Nothing was changed. Go back, reload the page and try again.</div>"
                + "<p><a href=\"/hub\">Back to the HUB</a></p>"));
    }

    private static SetCookie cookie(ServerRequest req, String name, String value, Duration maxAge) {
        return SetCookie.builder(name, value)
                .path("/hub")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.LAX)
                .secure(req.isSecure())
                .maxAge(maxAge)
                .build();
    }
}
