package org.opentss.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON responses with the content type of sign-de-v2.md §1.2. */
public final class Responses {

    public static final String JSON_UTF8 = "application/json; charset=utf-8";

    private Responses() {
    }

    public static void json(ServerResponse res, Object body) {
        json(res, 200, body);
    }

    public static void json(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, JSON_UTF8);
        res.send(Json.write(body));
    }
}
