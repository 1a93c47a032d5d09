package org.opentss.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real resources and credentials the fuzzer aims at, so that its requests get past authentication and the
 * lookups to the checks behind them.
 *
 * @param signDeIds real values of each path parameter of {@code /api/v2} and {@code /api/v0}
 * @param posIds real values of each path parameter of {@code /v1}
 * @param apiKey the key (not the secret) of the token's API key, for refused logins
 * @param registerKey the register API key of the register in {@code posIds}
 * @param now the server's clock: device times must not be ahead of it (pos-api.md §3.4)
 */
record HostileTargets(Map<String, List<String>> signDeIds, Map<String, List<String>> posIds, String token,
        String apiKey, String platformKey, String registerKey, Instant now) {

    /** Real values for each parameter of {@code template}. */
    Map<String, List<String>> idsOf(String template) {
        Map<String, List<String>> all = template.startsWith("/v1/") ? posIds : signDeIds;
        return MalformedRequests.parameters(template).stream()
                .collect(Collectors.toMap(name -> name, name -> {
                    List<String> values = all.get(name);
                    if (values == null || values.isEmpty()) {
                        throw new IllegalArgumentException("no real value for {" + name + "} of " + template);
                    }
                    return values;
                }));
    }
}
