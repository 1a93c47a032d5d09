package org.opentss.http;

import java.util.List;
import java.util.Map;

/**
 * One route of the server as the fuzzer attacks it: where it is, which real resources its path can name, what
 * its body and query may hold, and how a caller authenticates on it.
 *
 * @param template the path with {@code {name}} parameters, as the route is registered
 * @param ids real values for each path parameter, so that requests reach the checks behind the lookup
 * @param members the body's members (empty for routes without fields)
 * @param closed whether unknown top-level members are refused (pos-api.md §3.2, sign-de-v2.md §1.2)
 * @param validQuery a query the route accepts ({@code ""} for none), sent when the query is not the defect
 * @param badQueries queries the specs certainly refuse on this route
 * @param creates whether an unknown id with a valid body would create the resource: there an unknown id is no
 *         defect on its own
 * @param ifMatch whether the route reads {@code If-Match} (pos-api.md §6)
 */
record HostileRoute(String method, String template, Map<String, List<String>> ids, Body body,
        List<BodyRule> members, boolean closed, String validQuery, List<String> badQueries, Auth auth,
        boolean creates, boolean ifMatch) {

    enum Body { NONE, OPTIONAL, REQUIRED }

    /** The credential the route takes: none (the token endpoints), a bearer token, or a POS platform key. */
    enum Auth { NONE, BEARER, PLATFORM }

    boolean isPos() {
        return template.startsWith("/v1/");
    }

    HostileRoute withBody(Body body, boolean closed, BodyRule... members) {
        return new HostileRoute(method, template, ids, body, List.of(members), closed, validQuery, badQueries, auth,
                creates, ifMatch);
    }

    HostileRoute withQueries(String validQuery, List<String> badQueries) {
        return new HostileRoute(method, template, ids, body, members, closed, validQuery, badQueries, auth, creates,
                ifMatch);
    }

    HostileRoute creating() {
        return new HostileRoute(method, template, ids, body, members, closed, validQuery, badQueries, auth, true,
                ifMatch);
    }

    HostileRoute readingIfMatch() {
        return new HostileRoute(method, template, ids, body, members, closed, validQuery, badQueries, auth, creates,
                true);
    }
}
