package org.opentss.http;

/** Escaping of one JSON Pointer token (RFC 6901), for the locations in validation messages. */
public final class JsonPointer {

    private JsonPointer() {
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
