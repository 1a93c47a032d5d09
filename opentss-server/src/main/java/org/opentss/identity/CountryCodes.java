package org.opentss.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** ISO 3166-1 alpha-3 country codes, as organizations carry them (sign-de-v2.md §12.2). */
public final class CountryCodes {

    private static final Set<String> CODES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));

    private CountryCodes() {
    }

    /** The upper-case code if {@code given} is one in any case, else empty. */
    public static Optional<String> normalize(String given) {
        String code = given.toUpperCase(Locale.ROOT);
        return CODES.contains(code) ? Optional.of(code) : Optional.empty();
    }
}
