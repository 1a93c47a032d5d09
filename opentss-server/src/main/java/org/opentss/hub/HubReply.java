package org.opentss.hub;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** How HUB pages answer: HTML that only this origin may frame, script or submit to, and redirects. */
final class HubReply {

    /**
     * No inline script or style and no other origin: the pages load their one stylesheet and script from
     * {@code /hub/assets}, and QR codes are inline SVG.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private HubReply() {
    }

    static void html(ServerResponse res, int status, String page) {
        secure(res);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(page);
    }

    /** JSON for the HUB's own script, such as the progress of exports. */
    static void json(ServerResponse res, String json) {
        secure(res);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json);
    }

    /** 303 See Other: after a form, the browser fetches the next page with GET, so a reload sends nothing twice. */
    static void redirect(ServerResponse res, String location) {
        secure(res);
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    /** A file to download, such as a certificate or an export. */
    static void download(ServerResponse res, String contentType, String fileName, byte[] content) {
        secure(res);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        res.send(content);
    }

    static void secure(ServerResponse res) {
        res.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "same-origin");
        // pages show secrets once and data of one organization: no copy in any cache
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }
}
