package org.opentss.cli;

import java.util.UUID;
import org.opentss.identity.CountryCodes;

/** Checks of command-line values, with messages that name the option. */
final class CliInput {

    private CliInput() {
    }

    static void length(String option, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new IllegalArgumentException(option + " must have " + min + " to " + max + " characters");
        }
    }

    static String uuid(String option, String value) {
        try {
            String id = UUID.fromString(value).toString();
            if (!id.equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be a UUID (got '" + value + "')");
        }
    }

    static String countryCode(String value) {
        return CountryCodes.normalize(value).orElseThrow(() -> new IllegalArgumentException(
                "--country-code must be an ISO 3166-1 alpha-3 code such as DEU (got '" + value + "')"));
    }
}
