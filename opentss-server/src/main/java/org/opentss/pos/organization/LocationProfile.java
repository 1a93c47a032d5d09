package org.opentss.pos.organization;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentss.http.PosError;
import org.opentss.pos.PosInput;

/** What a client may set on a location (pos-api.md §11.2, §11.5), read and checked from a request. */
record LocationProfile(String name, PostalAddress address, String timezone, Map<String, String> metadata) {

    static final String DEFAULT_TIMEZONE = "Europe/Berlin";
    private static final Set<String> FIELDS = Set.of("name", "address", "timezone", "metadata");

    static LocationProfile forCreate(PosInput in) {
        in.allowOnly(FIELDS);
        return new LocationProfile(in.requiredString("name", 1, 100), germanAddress(in),
                timezone(in).orElse(DEFAULT_TIMEZONE), in.metadataForCreate());
    }

    /** This profile changed by a PATCH body: omitted fields stay, the address is replaced as a whole. */
    LocationProfile updatedBy(PosInput in) {
        in.allowOnly(FIELDS);
        return new LocationProfile(in.optionalString("name", 1, 100).orElse(name),
                in.has("address") ? germanAddress(in) : address, timezone(in).orElse(timezone),
                in.mergedMetadata(metadata));
    }

    /** A location is a place of sale in Germany: its address must stay in DE (§11.1). */
    private static PostalAddress germanAddress(PosInput in) {
        PostalAddress address = PostalAddress.read(in, "address");
        PostalAddress.requireGermany(address.country(), in.param("address") + ".country");
        return address;
    }

    private static Optional<String> timezone(PosInput in) {
        return in.optionalString("timezone", 1, 64).map(zone -> {
            if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                throw PosError.validation(in.param("timezone"),
                        in.param("timezone") + " must be an IANA time zone name such as Europe/Berlin.");
            }
            return zone;
        });
    }
}
