package org.opentss.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An organization (sign-de-v2.md §12.2). {@code managedBy} is the managing organization; a top-level
 * organization has none. {@code createdBy} is the API key whose token created it, none if the operator did.
 */
public record Organization(
        String id,
        Optional<String> managedBy,
        String name,
        String addressLine1,
        Optional<String> addressLine2,
        String zip,
        String town,
        Optional<String> state,
        String countryCode,
        Optional<String> taxNumber,
        Map<String, String> metadata,
        Optional<String> createdBy,
        long createdAt) {

    public Organization {
        // keeps the caller's key order, which the API echoes
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
