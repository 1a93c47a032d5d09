package org.opentss.pos.organization;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opentss.http.PosError;
import org.opentss.pos.PosInput;

/**
 * What a client may set on an organization (pos-api.md §10.2, §10.5), read and checked from a request.
 *
 * @param taxId empty only for organizations the operator created without a tax number
 */
record OrganizationProfile(String legalName, Optional<String> tradeName, Optional<String> taxId,
        Optional<String> vatId, PostalAddress address, Map<String, String> metadata) {

    private static final Set<String> CREATE_FIELDS = Set.of("legal_name", "trade_name", "country", "tax_id",
            "vat_id", "address", "metadata");
    private static final Set<String> UPDATE_FIELDS = Set.of("legal_name", "trade_name", "tax_id", "vat_id",
            "address", "metadata");
    /** A Steuernummer has 10 to 13 digits once its separators are removed. */
    private static final Pattern TAX_ID_DIGITS = Pattern.compile("[0-9]{10,13}");
    private static final Pattern TAX_ID_SEPARATORS = Pattern.compile("[ /]");
    private static final Pattern VAT_ID = Pattern.compile("DE[0-9]{9}");

    static OrganizationProfile forCreate(PosInput in) {
        in.allowOnly(CREATE_FIELDS);
        String legalName = in.requiredString("legal_name", 1, 200);
        Optional<String> tradeName = in.nullableString("trade_name", 0, 200);
        PostalAddress.requireGermany(in.requiredString("country", 0, Integer.MAX_VALUE), "country");
        String taxId = taxId(in, in.requiredString("tax_id", 0, 64));
        Optional<String> vatId = vatId(in);
        PostalAddress address = PostalAddress.read(in, "address");
        return new OrganizationProfile(legalName, tradeName, Optional.of(taxId), vatId, address,
                in.metadataForCreate());
    }

    /** This profile changed by a PATCH body: omitted fields stay, {@code null} clears, metadata merges. */
    OrganizationProfile updatedBy(PosInput in) {
        if (in.has("country")) {
            throw PosError.invalidRequest("country", "country cannot be changed.");
        }
        in.allowOnly(UPDATE_FIELDS);
        return new OrganizationProfile(
                in.optionalString("legal_name", 1, 200).orElse(legalName),
                in.has("trade_name") ? in.nullableString("trade_name", 0, 200) : tradeName,
                in.has("tax_id") ? Optional.of(taxId(in, in.requiredString("tax_id", 0, 64))) : taxId,
                in.has("vat_id") ? vatId(in) : vatId,
                in.has("address") ? PostalAddress.read(in, "address") : address,
                in.mergedMetadata(metadata));
    }

    /** The tax number as sent, trimmed (§10.1). */
    private static String taxId(PosInput in, String given) {
        String taxId = given.strip();
        if (!TAX_ID_DIGITS.matcher(TAX_ID_SEPARATORS.matcher(taxId).replaceAll("")).matches()) {
            throw PosError.validation(in.param("tax_id"), in.param("tax_id")
                    + " must consist of 10 to 13 digits, optionally separated by spaces or '/'.");
        }
        return taxId;
    }

    private static Optional<String> vatId(PosInput in) {
        Optional<String> vatId = in.nullableString("vat_id", 0, Integer.MAX_VALUE);
        if (vatId.isPresent() && !VAT_ID.matcher(vatId.get()).matches()) {
            throw PosError.validation(in.param("vat_id"), in.param("vat_id")
                    + " must be a German VAT identification number: DE and 9 digits.");
        }
        return vatId;
    }
}
