package org.opentss.verify;

import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** The hash functions of the TR-03111 plain signature algorithms, computed with BouncyCastle digests. */
public enum HashFunction {
    SHA_224("SHA-224", SHA224Digest::new),
    SHA_256("SHA-256", SHA256Digest::new),
    SHA_384("SHA-384", SHA384Digest::new),
    SHA_512("SHA-512", SHA512Digest::new),
    SHA3_224("SHA3-224", () -> new SHA3Digest(224)),
    SHA3_256("SHA3-256", () -> new SHA3Digest(256)),
    SHA3_384("SHA3-384", () -> new SHA3Digest(384)),
    SHA3_512("SHA3-512", () -> new SHA3Digest(512));

    private final String displayName;
    private final Supplier<Digest> digests;

    HashFunction(String displayName, Supplier<Digest> digests) {
        this.displayName = displayName;
        this.digests = digests;
    }

    public byte[] hash(byte[] input) {
        Digest digest = digests.get();
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
