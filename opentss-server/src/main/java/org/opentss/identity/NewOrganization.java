package org.opentss.identity;

import java.util.Map;
import java.util.Optional;

/** The validated content of a new organization; the service adds id, creator and time. */
public record NewOrganization(
        Optional<String> managedBy,
        String name,
        String addressLine1,
        Optional<String> addressLine2,
        String zip,
        String town,
        Optional<String> state,
        String countryCode,
        Optional<String> taxNumber,
        Map<String, String> metadata) {
}
