package org.opentss.cli;

import java.util.UUID;
import org.opentss.Application;
import org.opentss.http.PosIds;
import org.opentss.pos.PosDirectory;

/** An {@code --org} option's value: an organization's UUID or its POS API id ({@code org_…}). */
final class OrganizationArgument {

    private OrganizationArgument() {
    }

    /**
     * @return the organization's internal id
     * @throws IllegalArgumentException if the value has neither form or names no organization
     */
    static String resolve(Application app, String given) {
        PosDirectory directory = app.posDirectory();
        if (PosIds.isWellFormed("org", given)) {
            return directory.find(given).map(PosDirectory.PosOrganizationRef::organizationId)
                    .orElseThrow(() -> noSuchOrganization(given));
        }
        String id;
        try {
            id = UUID.fromString(given).toString();
        } catch (IllegalArgumentException e) {
            id = "";
        }
        if (!id.equalsIgnoreCase(given)) {
            throw new IllegalArgumentException("--org must be an organization UUID or org_ id (got '" + given + "')");
        }
        return app.organizations().find(id).map(found -> found.id()).orElseThrow(() -> noSuchOrganization(given));
    }

    private static IllegalArgumentException noSuchOrganization(String given) {
        return new IllegalArgumentException("organization " + given + " does not exist");
    }
}
