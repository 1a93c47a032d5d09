package org.opentss.tx;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import org.opentss.journal.SignatureAlgorithm;

/**
 * The receipt QR code string of DSFinV-K Anhang I, version V0 (sign-de-v2.md §9, tse-formats.md §7),
 * built from the stored Finish revision and the start time, never from request data.
 */
public final class QrCodeData {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private QrCodeData() {
    }

    /** The twelve fields, or empty when the processData is not valid UTF-8 (only possible with {@code raw}). */
    public static Optional<String> of(TxRevision finish, long number, long timeStart, byte[] publicKey) {
        return utf8(finish.processData()).map(processData -> String.join(";",
                "V0",
                finish.clientSerial(),
                finish.processType(),
                processData,
                Long.toString(number),
                Long.toString(finish.signatureCounter()),
                TIME.format(Instant.ofEpochSecond(timeStart)),
                TIME.format(Instant.ofEpochSecond(finish.logTime())),
                SignatureAlgorithm.ECDSA_PLAIN_SHA256.apiName(),
                "unixTime",
                Base64.getEncoder().encodeToString(finish.signature()),
                Base64.getEncoder().encodeToString(publicKey)));
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
