package org.opentss.identity;

import java.time.Clock;
import java.util.UUID;

/** Creates organizations, for the operator's CLI and for the management API. */
public final class OrganizationService {

    private final OrganizationRepository organizations;
    private final Clock clock;

    public OrganizationService(OrganizationRepository organizations, Clock clock) {
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * @param createdBy the API key whose token creates it; null when the operator does
     * @throws IllegalArgumentException if the managing organization does not exist
     */
    public Organization create(NewOrganization spec, String createdBy) {
        spec.managedBy().ifPresent(parent -> {
            if (organizations.find(parent).isEmpty()) {
                throw new IllegalArgumentException("managing organization " + parent + " does not exist");
            }
        });
        Organization org = new Organization(UUID.randomUUID().toString(), spec.managedBy(), spec.name(),
                spec.addressLine1(), spec.addressLine2(), spec.zip(), spec.town(), spec.state(), spec.countryCode(),
                spec.taxNumber(), spec.metadata(), java.util.Optional.ofNullable(createdBy),
                clock.instant().getEpochSecond());
        organizations.insert(org);
        return org;
    }
}
