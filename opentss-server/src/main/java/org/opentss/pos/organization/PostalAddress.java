package org.opentss.pos.organization;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.pos.PosInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The address object of organizations and locations (pos-api.md §10.1), with its validation and the
 * country rules of the POS API: only Germany is supported as a jurisdiction (§7.2).
 *
 * @param country ISO 3166-1 alpha-2, upper case
 */
public record PostalAddress(String line1, Optional<String> line2, String city, String postalCode, String country) {

    public static final String GERMANY = "DE";
    /** Recognised, but not yet supported: 422 jurisdiction_not_supported rather than validation_error. */
    private static final Set<String> RECOGNISED_JURISDICTIONS = Set.of("AT", "IT");
    private static final Set<String> FIELDS = Set.of("line1", "line2", "city", "postal_code", "country");
    private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");
    private static final Pattern GERMAN_POSTAL_CODE = Pattern.compile("[0-9]{5}");
    /** The organization table keeps ISO 3166-1 alpha-3 codes (sign-de-v2.md §12.2); the POS API shows alpha-2. */
    private static final Map<String, String> ALPHA3_BY_ALPHA2 = Set.of(Locale.getISOCountries()).stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(),
                    code -> Locale.of("", code).getISO3Country()));
    private static final Map<String, String> ALPHA2_BY_ALPHA3 = ALPHA3_BY_ALPHA2.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    /** Reads and checks the required address object {@code name} of a request body. */
    public static PostalAddress read(PosInput body, String name) {
        PosInput in = body.requiredObject(name).allowOnly(FIELDS);
        String line1 = in.requiredString("line1", 1, 100);
        Optional<String> line2 = in.nullableString("line2", 0, 100).filter(line -> !line.isEmpty());
        String city = in.requiredString("city", 1, 100);
        String country = in.requiredString("country", 0, Integer.MAX_VALUE);
        if (!ALPHA2.matcher(country).matches() || !ALPHA3_BY_ALPHA2.containsKey(country)) {
            throw PosError.validation(in.param("country"),
                    in.param("country") + " must be an ISO 3166-1 alpha-2 country code in upper case.");
        }
        String postalCode = in.requiredString("postal_code", 1, 16);
        if (country.equals(GERMANY) && !GERMAN_POSTAL_CODE.matcher(postalCode).matches()) {
            throw PosError.validation(in.param("postal_code"),
                    in.param("postal_code") + " must be exactly 5 digits for country DE.");
        }
        return new PostalAddress(line1, line2, city, postalCode, country);
    }

    /**
     * Refuses every jurisdiction but Germany: {@code AT} and {@code IT} are recognised but not supported yet,
     * anything else is not a valid value (§10.2, §11.2).
     *
     * @param param the field that named the country
     */
    public static void requireGermany(String country, String param) {
        if (country.equals(GERMANY)) {
            return;
        }
        if (RECOGNISED_JURISDICTIONS.contains(country)) {
            throw PosError.of(422, "jurisdiction_not_supported", "Jurisdiction '" + country
                    + "' is not supported yet. Only 'DE' is supported.", param);
        }
        throw PosError.validation(param, param + " must be DE.");
    }

    /** The address as stored in the organization table (alpha-3 country code). */
    public static PostalAddress ofOrganizationColumns(String line1, Optional<String> line2, String town, String zip,
            String countryCode) {
        return new PostalAddress(line1, line2, town, zip, ALPHA2_BY_ALPHA3.getOrDefault(countryCode, countryCode));
    }

    /** The ISO 3166-1 alpha-3 code of the country, as the organization table keeps it. */
    public String countryAlpha3() {
        return ALPHA3_BY_ALPHA2.get(country);
    }

    public ObjectNode render() {
        ObjectNode node = Json.object();
        node.put("line1", line1);
        node.put("line2", line2.orElse(null));
        node.put("city", city);
        node.put("postal_code", postalCode);
        node.put("country", country);
        return node;
    }

    /** The stored form (pos_location.address): the rendered object. */
    public String toJson() {
        return Json.writeString(render());
    }

    public static PostalAddress fromJson(String json) {
        ObjectNode node = Json.parseStoredObject(json);
        return new PostalAddress(node.get("line1").stringValue(),
                Optional.ofNullable(node.get("line2")).filter(line -> !line.isNull()).map(JsonNode::stringValue),
                node.get("city").stringValue(), node.get("postal_code").stringValue(),
                node.get("country").stringValue());
    }
}
