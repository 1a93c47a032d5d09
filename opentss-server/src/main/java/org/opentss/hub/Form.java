package org.opentss.hub;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fields of a submitted HUB form ({@code application/x-www-form-urlencoded}), or of a query string. */
public final class Form {

    /** Far more than any HUB form sends; a larger body is refused before it is read. */
    static final int MAX_BYTES = 64 * 1024;
    private static final Form EMPTY = new Form(Parameters.empty("form"));

    private final Parameters parameters;

    Form(Parameters parameters) {
        this.parameters = parameters;
    }

    static Form empty() {
        return EMPTY;
    }

    /** A body no HUB page sends: too large, or not valid URL encoding. Nothing was done with it. */
    static final class Unreadable extends RuntimeException {

        private final int status;

        private Unreadable(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * The form a POST carries; an empty one for another media type or no body (its CSRF token is then
     * missing, so it is refused as such).
     *
     * @throws Unreadable if the body is over {@link #MAX_BYTES} or its URL encoding is broken
     */
    static Form read(ServerRequest req) {
        boolean urlEncoded = req.headers().contentType()
                .map(type -> type.mediaType().text().equalsIgnoreCase("application/x-www-form-urlencoded"))
                .orElse(false);
        if (!urlEncoded || !req.content().hasEntity()) {
            return EMPTY;
        }
        if (req.headers().contentLength().orElse(0) > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new Form(Parameters.create("form", fields));
    }

    /** The field's value, trimmed; empty when it is missing. */
    public String text(String name) {
        return optional(name).orElse("");
    }

    public Optional<String> optional(String name) {
        return parameters.first(name).asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The field exactly as sent (passwords keep their spaces). */
    public String raw(String name) {
        return parameters.first(name).orElse("");
    }

    private static String decode(String encoded) {
        String decoded;
        try {
            decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unreadable();
        }
        // no field of a HUB form can hold a NUL, and PostgreSQL text refuses one
        if (decoded.indexOf('\0') >= 0) {
            throw unreadable();
        }
        return decoded;
    }

    private static Unreadable unreadable() {
        return new Unreadable(400, "The form could not be read: it is not URL-encoded text as browsers send forms.");
    }

    private static Unreadable tooLarge() {
        return new Unreadable(413, "The form is larger than " + MAX_BYTES / 1024 + " KiB; no HUB form sends that much.");
    }
}
