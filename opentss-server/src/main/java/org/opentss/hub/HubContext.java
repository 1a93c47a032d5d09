package org.opentss.hub;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opentss.identity.Caller;
import org.opentss.identity.Environment;
import org.opentss.identity.HubSession;
import org.opentss.identity.HubUser;
import org.opentss.identity.Organization;

/**
 * Who is looking at a HUB page and what they look at: the signed-in user, the organizations they may see
 * (their memberships and every organization those manage), the organization and environment shown now,
 * the page's CSRF token and, for a POST, the submitted form.
 */
public record HubContext(HubSession session, HubUser user, List<Organization> visible,
        Optional<Organization> organization, String csrf, Form form, Clock clock) {

    /** Admin sessions a HUB action opens on a TSS last at most this long (one request needs far less). */
    private static final long ACTION_SECONDS = 300;

    public Environment env() {
        return session.env();
    }

    /** The organization shown; pages that need one are reached only when there is one. */
    public Organization org() {
        return organization.orElseThrow(() -> new IllegalStateException("no organization selected"));
    }

    public Optional<Organization> visibleOrganization(String id) {
        return visible.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /**
     * The TSS layer's caller for one HUB action in the shown organization and environment. Its own session
     * id binds any admin login of the action to the action alone.
     */
    public Caller caller() {
        String action = "hub-" + UUID.randomUUID();
        return Caller.internal(org().id(), env(), action, clock.instant().getEpochSecond() + ACTION_SECONDS);
    }
}
