package org.opentss.verify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signature algorithms a version-2 log message may name (tse-formats.md §1.3): ECDSA and EC-SDSA
 * in plain format (r‖s) under {@code bsi-de 1.1.4.1} and {@code bsi-de 1.1.4.4}.
 */
public enum SignatureAlgorithm {
    ECDSA_PLAIN_SHA224("ecdsa-plain-SHA224", "0102", HashFunction.SHA_224),
    ECDSA_PLAIN_SHA256("ecdsa-plain-SHA256", "0103", HashFunction.SHA_256),
    ECDSA_PLAIN_SHA384("ecdsa-plain-SHA384", "0104", HashFunction.SHA_384),
    ECDSA_PLAIN_SHA512("ecdsa-plain-SHA512", "0105", HashFunction.SHA_512),
    ECDSA_PLAIN_SHA3_224("ecdsa-plain-SHA3-224", "0108", HashFunction.SHA3_224),
    ECDSA_PLAIN_SHA3_256("ecdsa-plain-SHA3-256", "0109", HashFunction.SHA3_256),
    ECDSA_PLAIN_SHA3_384("ecdsa-plain-SHA3-384", "010A", HashFunction.SHA3_384),
    ECDSA_PLAIN_SHA3_512("ecdsa-plain-SHA3-512", "010B", HashFunction.SHA3_512),
    ECSDSA_PLAIN_SHA224("ecsdsa-plain-SHA224", "0401", HashFunction.SHA_224),
    ECSDSA_PLAIN_SHA256("ecsdsa-plain-SHA256", "0402", HashFunction.SHA_256),
    ECSDSA_PLAIN_SHA384("ecsdsa-plain-SHA384", "0403", HashFunction.SHA_384),
    ECSDSA_PLAIN_SHA512("ecsdsa-plain-SHA512", "0404", HashFunction.SHA_512),
    ECSDSA_PLAIN_SHA3_224("ecsdsa-plain-SHA3-224", "0405", HashFunction.SHA3_224),
    ECSDSA_PLAIN_SHA3_256("ecsdsa-plain-SHA3-256", "0406", HashFunction.SHA3_256),
    ECSDSA_PLAIN_SHA3_384("ecsdsa-plain-SHA3-384", "0407", HashFunction.SHA3_384),
    ECSDSA_PLAIN_SHA3_512("ecsdsa-plain-SHA3-512", "0408", HashFunction.SHA3_512);

    /** Content octets of {@code id-ecc signatures(4)} = 0.4.0.127.0.7.1.1.4. */
    private static final String SIGNATURES_ARC = "04007F0007010104";

    private final String qrName;
    private final byte[] oidContent;
    private final HashFunction hash;

    SignatureAlgorithm(String qrName, String lastArcsHex, HashFunction hash) {
        this.qrName = qrName;
        this.oidContent = HexFormat.of().parseHex(SIGNATURES_ARC + lastArcsHex);
        this.hash = hash;
    }

    /** The name used in QR code field 9 and in the API, e.g. {@code ecdsa-plain-SHA256}. */
    public String qrName() {
        return qrName;
    }

    public HashFunction hash() {
        return hash;
    }

    /** Whether this is ECDSA; EC-SDSA logs are recognised but their signatures are not checked. */
    public boolean isEcdsa() {
        return qrName.startsWith("ecdsa-");
    }

    byte[] oidContent() {
        return oidContent.clone();
    }

    static Optional<SignatureAlgorithm> forOidContent(byte[] content) {
        return Arrays.stream(values()).filter(a -> Arrays.equals(a.oidContent, content)).findFirst();
    }

    static Optional<SignatureAlgorithm> forQrName(String name) {
        return Arrays.stream(values()).filter(a -> a.qrName.equals(name)).findFirst();
    }
}
