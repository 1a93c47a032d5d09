package org.opentss.http;

import io.helidon.common.uri.UriQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Typed access to query parameters under the rules of sign-de-v2.md §1.2 and §1.8. */
public final class QueryInput {

    /** The largest integer a JSON number can carry exactly; larger values are refused (§1.2). */
    public static final long MAX_SAFE_INTEGER = 9007199254740991L;

    private final UriQuery query;

    public QueryInput(UriQuery query) {
        this.query = query;
    }

    /** A scalar parameter; given more than once it is a 400. */
    public Optional<String> scalar(String name) {
        if (!query.contains(name)) {
            return Optional.empty();
        }
        List<String> values = query.all(name);
        if (values.size() > 1) {
            throw ApiError.schema("querystring/" + name + " must not be given more than once");
        }
        return Optional.of(values.getFirst());
    }

    public long integer(String name, long defaultValue, long min, long max) {
        Optional<String> raw = scalar(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiError.schema("querystring/" + name + " must be integer");
        }
        int zeros = 0;
        while (zeros < text.length() - 1 && text.charAt(zeros) == '0') {
            zeros++; // leading zeros are allowed (§10.1)
        }
        String significant = text.substring(zeros);
        if (significant.length() > 16 || Long.parseLong(significant) > MAX_SAFE_INTEGER) {
            throw ApiError.schema("querystring/" + name + " must be <= " + MAX_SAFE_INTEGER);
        }
        long value = Long.parseLong(significant);
        if (value < min) {
            throw ApiError.schema("querystring/" + name + " must be >= " + min);
        }
        if (value > max) {
            throw ApiError.schema("querystring/" + name + " must be <= " + max);
        }
        return value;
    }

    public Optional<String> oneOf(String name, Set<String> allowed) {
        Optional<String> value = scalar(name);
        value.ifPresent(v -> {
            if (!allowed.contains(v)) {
                throw ApiError.schema("querystring/" + name + " must be equal to one of the allowed values");
            }
        });
        return value;
    }

    /** {@code limit} (1–100, default 100) and {@code offset} (≥ 0, default 0) of every list (§1.8). */
    public Page page() {
        return new Page((int) integer("limit", 100, 1, 100), integer("offset", 0, 0, MAX_SAFE_INTEGER));
    }

    public record Page(int limit, long offset) {
    }
}
