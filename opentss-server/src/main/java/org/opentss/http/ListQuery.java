package org.opentss.http;

import io.helidon.common.uri.UriQuery;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query parameters every SIGN DE list shares (sign-de-v2.md §1.8): {@code order_by}, {@code order},
 * {@code limit}, {@code offset}, {@code show_deleted} and the {@code states} array in its three spellings.
 */
public record ListQuery(String orderBy, boolean descending, int limit, long offset, Set<String> states) {

    private static final Pattern INDEXED_STATES = Pattern.compile("^states\\[(\\d*)]$");

    /**
     * @param orderByValues the sort keys of this list
     * @param stateValues the state enum of this list; empty for lists without a {@code states} filter
     */
    public static ListQuery parse(UriQuery query, Set<String> orderByValues, String defaultOrderBy,
            Set<String> stateValues) {
        QueryInput input = new QueryInput(query);
        String orderBy = input.oneOf("order_by", orderByValues).orElse(defaultOrderBy);
        boolean descending = input.oneOf("order", Set.of("asc", "desc")).map("desc"::equals).orElse(false);
        input.oneOf("show_deleted", Set.of("true", "false")); // accepted and validated; no effect (§1.8)
        QueryInput.Page page = input.page();
        Set<String> states = stateValues.isEmpty() ? Set.of() : states(query, stateValues);
        return new ListQuery(orderBy, descending, page.limit(), page.offset(), states);
    }

    /** {@code states[]=A}, {@code states[0]=A} (also URL-encoded) and repeated {@code states=A}, all alike. */
    private static Set<String> states(UriQuery query, Set<String> allowed) {
        Set<String> states = new LinkedHashSet<>();
        for (String name : query.names()) {
            Matcher indexed = INDEXED_STATES.matcher(name);
            if (!name.equals("states") && !indexed.matches()) {
                continue;
            }
            List<String> values = query.all(name);
            for (String value : values) {
                if (!allowed.contains(value)) {
                    throw ApiError.schema("querystring/states must be equal to one of the allowed values");
                }
                states.add(value);
            }
        }
        return states;
    }
}
