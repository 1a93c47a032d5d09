package org.opentss.tx;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.opentss.http.ApiError;
import org.opentss.http.JsonInput;
import org.opentss.http.QueryInput;

/** The {@code tx_id_or_number} of a transaction path: a transaction UUID or its number (sign-de-v2.md §1.4). */
record TxRef(Optional<String> id, OptionalLong number) {

    private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");
    private static final String LOCATION = "params/tx_id_or_number";

    static TxRef parse(String value) {
        if (JsonInput.isUuid(value)) {
            return new TxRef(Optional.of(JsonInput.uuid(value, LOCATION)), OptionalLong.empty());
        } else if (DIGITS.matcher(value).matches()) {
            String significant = value.replaceFirst("^0+(?=.)", ""); // leading zeros are allowed (§1.4)
            if (significant.length() <= 16 && Long.parseLong(significant) <= QueryInput.MAX_SAFE_INTEGER) {
                return new TxRef(Optional.empty(), OptionalLong.of(Long.parseLong(significant)));
            }
        }
        throw ApiError.schema(LOCATION + " must be a UUID or a transaction number");
    }

    @Override
    public String toString() {
        return id.orElseGet(() -> Long.toString(number.getAsLong()));
    }
}
