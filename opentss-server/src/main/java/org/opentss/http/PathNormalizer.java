package org.opentss.http;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Collapses duplicate slashes and drops one trailing slash, so that base URLs with or without a
 * trailing slash both work ({@code /api/v2//tss/} ≡ {@code /api/v2/tss}, sign-de-v2.md §1.1).
 */
final class PathNormalizer implements Handler {

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().rawPath();
        String normalized = normalize(path);
        if (normalized.equals(path)) {
            res.next();
        } else {
            res.reroute(normalized, req.query());
        }
    }

    static String normalize(String path) {
        // nearly every path is already normal; the regular expression was a visible part of each request's CPU
        if (!path.contains("//") && (path.length() <= 1 || !path.endsWith("/"))) {
            return path;
        }
        String collapsed = path.replaceAll("/{2,}", "/");
        if (collapsed.length() > 1 && collapsed.endsWith("/")) {
            collapsed = collapsed.substring(0, collapsed.length() - 1);
        }
        return collapsed;
    }
}
