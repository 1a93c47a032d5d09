package org.opentss.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads byte sequences written as in tse-formats.md, so that expected values are copied from the spec unchanged. */
final class SpecHex {

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|([0-9A-Fa-f]{2})|(\\S+)");

    private SpecHex() {
    }

    /** Spec notation (§0.3): hex bytes separated by spaces, {@code "text"} for the ASCII bytes of that text. */
    static byte[] bytes(String notation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher token = TOKEN.matcher(notation);
        while (token.find()) {
            if (token.group(1) != null) {
                out.writeBytes(token.group(1).getBytes(StandardCharsets.US_ASCII));
            } else if (token.group(2) != null) {
                out.write(Integer.parseInt(token.group(2), 16));
            } else {
                throw new IllegalArgumentException("not spec hex: " + token.group(3));
            }
        }
        return out.toByteArray();
    }

    /** A hex dump as printed in the spec: each line an offset column followed by up to 16 hex bytes. */
    static byte[] dump(String dump) {
        StringBuilder hex = new StringBuilder();
        for (String line : dump.strip().split("\n")) {
            hex.append(line.strip().replaceFirst("^[0-9a-f]{4}\\s+", "")).append(' ');
        }
        return bytes(hex.toString());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
