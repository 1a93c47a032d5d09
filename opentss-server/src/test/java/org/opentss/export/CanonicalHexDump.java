package org.opentss.export;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Reads a {@code hexdump -C} listing as the spec prints archives: offset, up to 16 hex bytes, the ASCII
 * column; a {@code *} line stands for repeats of the line above up to the next offset, and the last line
 * is the total length.
 */
final class CanonicalHexDump {

    private CanonicalHexDump() {
    }

    static byte[] parse(String dump) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = new byte[0];
        boolean repeating = false;
        for (String line : dump.strip().split("\n")) {
            line = line.strip();
            if (line.equals("*")) {
                repeating = true;
                continue;
            }
            int offset = Integer.parseInt(line.substring(0, 8), 16);
            while (repeating && out.size() < offset) {
                out.writeBytes(previous);
            }
            repeating = false;
            if (out.size() != offset) {
                throw new IllegalArgumentException(
                        "dump line at " + line.substring(0, 8) + " follows " + out.size() + " bytes");
            }
            int ascii = line.indexOf('|');
            String hex = (ascii < 0 ? line.substring(8) : line.substring(8, ascii)).replaceAll("\\s+", "");
            previous = HexFormat.of().parseHex(hex);
            out.writeBytes(previous);
        }
        return out.toByteArray();
    }
}
