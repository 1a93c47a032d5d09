package org.opentss.pos.organization;

import java.util.Map;
import java.util.Optional;
import org.opentss.http.Json;
import org.opentss.http.Metadata;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;
import org.opentss.pos.PosTimes;
import tools.jackson.databind.node.ObjectNode;

/**
 * An organization as the POS API shows it (pos-api.md §10.1): the one organization of table
 * {@code organization} (name, tax number, address, manager) with its POS identity and POS-only fields.
 *
 * @param env the environment it was created in; empty when it exists in both (the operator's or the
 *     management API's organizations)
 * @param managedByPosId the {@code org_} id of the managing organization, if it has one
 */
record PosOrganization(String posId, Organization organization, Optional<String> managedByPosId,
        Optional<Environment> env, Optional<String> tradeName, Optional<String> vatId, Map<String, String> metadata,
        long createdAt, long updatedAt) {

    OrganizationProfile profile() {
        return new OrganizationProfile(organization.name(), tradeName, organization.taxNumber(), vatId, address(),
                metadata);
    }

    PostalAddress address() {
        return PostalAddress.ofOrganizationColumns(organization.addressLine1(), organization.addressLine2(),
                organization.town(), organization.zip(), organization.countryCode());
    }

    ObjectNode render() {
        ObjectNode node = Json.object();
        node.put("id", posId);
        node.put("object", "organization");
        node.put("legal_name", organization.name());
        node.put("trade_name", tradeName.orElse(null));
        // the POS API serves German businesses only (§10.2): the business country is not stored
        node.put("country", PostalAddress.GERMANY);
        node.put("tax_id", organization.taxNumber().orElse(null));
        node.put("vat_id", vatId.orElse(null));
        node.set("address", address().render());
        node.put("managed_by", managedByPosId.orElse(null));
        node.put("tss_organization_id", organization.id());
        node.set("metadata", Metadata.toNode(metadata));
        node.put("created_at", PosTimes.millis(createdAt));
        node.put("updated_at", PosTimes.millis(updatedAt));
        return node;
    }
}
