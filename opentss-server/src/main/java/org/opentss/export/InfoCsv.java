package org.opentss.export;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code info.csv} of an export (tse-formats.md §8.4, TR-03151 §5.1.1 with TR-03151-A): one ASCII line
 * of quoted values, no trailing newline.
 */
final class InfoCsv {

    static final String FILE_NAME = "info.csv";

    private InfoCsv() {
    }

    /**
     * @param tssId the TSS UUID in lowercase, as in the API
     * @param productVersion printable ASCII without {@code "}, which would end the quoted value early
     */
    static byte[] of(String tssId, String productVersion) {
        if (!UUID.fromString(tssId).toString().equals(tssId)) {
            throw new IllegalArgumentException("TSS id must be a lowercase UUID, was " + tssId);
        }
        if (productVersion.isEmpty() || !productVersion.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"')) {
            throw new IllegalArgumentException("product version must be printable ASCII without '\"', was "
                    + productVersion);
        }
        return ("\"description:\",\"OpenTSS (" + tssId + ")\",\"manufacturer:\",\"OpenTSS\",\"version:\",\""
                + productVersion + "\"").getBytes(StandardCharsets.US_ASCII);
    }
}
