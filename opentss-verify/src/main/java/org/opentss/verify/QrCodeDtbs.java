package org.opentss.verify;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The Finish log's signed bytes rebuilt from a receipt QR code alone (tse-formats.md §7.3). Fields 2,
 * 3 and 4 go in byte for byte (Q6); lengths and INTEGERs are minimal DER.
 */
final class QrCodeDtbs {

    private static final byte[] VERSION_2 = {0x02, 0x01, 0x02};
    private static final byte[] TRANSACTION_LOG_OID = {0x06, 0x09, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x03, 0x07, 0x01, 0x01};
    private static final byte[] FINISH_TRANSACTION = "FinishTransaction".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern QR_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private QrCodeDtbs() {
    }

    /** DTBS = version ‖ type ‖ 80 81 82 83 85 ‖ serialNumber ‖ signatureAlgorithm ‖ signatureCounter ‖ logTime. */
    static byte[] build(ReceiptQrCode qr, byte[] serialNumber, SignatureAlgorithm algorithm, byte[] logTimeTlv) {
        ByteArrayOutputStream dtbs = new ByteArrayOutputStream();
        dtbs.writeBytes(VERSION_2);
        dtbs.writeBytes(TRANSACTION_LOG_OID);
        dtbs.writeBytes(tlv(0x80, FINISH_TRANSACTION));
        dtbs.writeBytes(tlv(0x81, qr.clientId().getBytes(StandardCharsets.UTF_8)));
        dtbs.writeBytes(tlv(0x82, qr.processData().getBytes(StandardCharsets.UTF_8)));
        dtbs.writeBytes(tlv(0x83, qr.processType().getBytes(StandardCharsets.UTF_8)));
        dtbs.writeBytes(tlv(0x85, new BigInteger(qr.transactionNumber()).toByteArray()));
        dtbs.writeBytes(tlv(0x04, serialNumber));
        dtbs.writeBytes(tlv(0x30, tlv(0x06, algorithm.oidContent())));
        dtbs.writeBytes(tlv(0x02, new BigInteger(qr.signatureCounter()).toByteArray()));
        dtbs.writeBytes(logTimeTlv);
        return dtbs.toByteArray();
    }

    /**
     * Reads field 7 or 8, {@code YYYY-MM-DDThh:mm:ss.fffZ}.
     *
     * @throws IllegalArgumentException if it is not in that form or not a valid time
     */
    static Instant parseTime(String field) {
        if (!QR_TIME.matcher(field).matches()) {
            throw new IllegalArgumentException("'" + field + "' is not YYYY-MM-DDThh:mm:ss.fffZ");
        }
        try {
            return Instant.parse(field);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not a valid time", e);
        }
    }

    /** The logTime TLV of §7.3 for one log-time-format name; {@code null} if the name is unknown. */
    static byte[] logTimeTlv(Instant time, String format) {
        return switch (format) {
            case "unixTime" -> tlv(0x02, BigInteger.valueOf(time.getEpochSecond()).toByteArray());
            case "utcTime" -> timeTlv(0x17, "yyMMddHHmm'Z'", time);
            case "utcTimeWithSeconds" -> timeTlv(0x17, "yyMMddHHmmss'Z'", time);
            case "generalizedTime" -> timeTlv(0x18, "yyyyMMddHHmmss'Z'", time);
            case "generalizedTimeWithMilliseconds" -> timeTlv(0x18, "yyyyMMddHHmmss.SSS'Z'", time);
            default -> null;
        };
    }

    private static byte[] timeTlv(int tag, String pattern, Instant time) {
        String text = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(time);
        return tlv(tag, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] octets = BigInteger.valueOf(length).toByteArray();
            int skip = octets[0] == 0 ? 1 : 0; // toByteArray adds a sign octet that a length has not
            out.write(0x80 | (octets.length - skip));
            out.write(octets, skip, octets.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
