package org.opentss.tx;

import org.opentss.http.ApiError;

/**
 * JSON escapes can produce unpaired UTF-16 surrogates, which have no UTF-8 encoding: Java would sign a
 * {@code ?} in their place, so the signed bytes would no longer match the echoed text. Such strings are
 * refused wherever they would end up in processData.
 */
final class WellFormedText {

    private WellFormedText() {
    }

    static String check(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiError.schema(where + " must NOT contain unpaired surrogates");
            }
        }
        return text;
    }
}
