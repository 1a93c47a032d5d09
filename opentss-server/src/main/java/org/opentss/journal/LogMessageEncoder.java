package org.opentss.journal;

import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes TR-03151 log messages of format version 2 byte for byte as tse-formats.md §1 and §2
 * prescribe. Signing is a separate step between the two methods, so that the key never has to be
 * near the encoder:
 *
 * <pre>{@code
 * byte[] dtbs = LogMessageEncoder.dataToBeSigned(data, serial, alg, counter, logTime);
 * byte[] log = LogMessageEncoder.logMessage(dtbs, sign(alg.jcaName(), dtbs));
 * }</pre>
 */
public final class LogMessageEncoder {

    private static final int SERIAL_NUMBER_LENGTH = 32;

    private static final byte[] VERSION_2 = Der.integer(Der.INTEGER, 2);

    private LogMessageEncoder() {
    }

    /**
     * The data to be signed: the complete TLVs of version, certifiedDataType, the certifiedData
     * elements, serialNumber, signatureAlgorithm, signatureCounter and logTime, concatenated (§2.1).
     * Neither the outer SEQUENCE header nor the signature is part of it.
     *
     * @param serialNumber SHA-256 of the TSS public point, see {@link SerialNumber}
     * @param signatureCounter 1 … 4 294 967 295
     * @param logTime unixTime, whole seconds
     */
    public static byte[] dataToBeSigned(
            CertifiedData data, byte[] serialNumber, SignatureAlgorithm alg, long signatureCounter, long logTime) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(alg, "alg");
        if (serialNumber.length != SERIAL_NUMBER_LENGTH) {
            throw new IllegalArgumentException(
                    "serialNumber must be " + SERIAL_NUMBER_LENGTH + " bytes, was " + serialNumber.length);
        }
        return Der.concat(
                VERSION_2,
                data.certifiedDataType(),
                data.elements(),
                Der.tlv(Der.OCTET_STRING, serialNumber),
                alg.algorithmIdentifier(),
                Der.integer(Der.INTEGER, LogValues.requireCounter("signatureCounter", signatureCounter)),
                Der.integer(Der.INTEGER, LogValues.requireUnixTime("logTime", logTime)));
    }

    /**
     * The complete log message: {@code 30 LL ‖ dtbs ‖ 04 LL r‖s}, to be stored and exported exactly as
     * returned and never rebuilt.
     *
     * @param dtbs the result of {@link #dataToBeSigned}
     * @param plainSignature {@code r‖s}, each left-padded to the curve's order size (§2.3); never DER
     */
    public static byte[] logMessage(byte[] dtbs, byte[] plainSignature) {
        if (dtbs.length < VERSION_2.length || !Arrays.equals(dtbs, 0, VERSION_2.length, VERSION_2, 0, VERSION_2.length)) {
            throw new IllegalArgumentException("dtbs must start with version 2 (02 01 02)");
        }
        if (Arrays.stream(SignatureAlgorithm.values()).noneMatch(alg -> alg.signatureLength() == plainSignature.length)) {
            // a DER signature (30 44 02 20 …) ends up here: it has the wrong, and a variable, length
            throw new IllegalArgumentException("a plain signature is 64 or 96 bytes, was " + plainSignature.length);
        }
        return Der.tlv(Der.SEQUENCE, Der.concat(dtbs, Der.tlv(Der.OCTET_STRING, plainSignature)));
    }
}
