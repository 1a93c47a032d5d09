package org.opentss.verify;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Options of {@link ExportVerifier#verify}, the flags of {@code opentss verify} (tse-formats.md
 * §11.2 H). Immutable; the {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * ExportVerifierOptions options = ExportVerifierOptions.defaults()
 *         .withExpectContiguous(true).withExpectFirstCounter(1).withTrustAnchor(rootDer);
 * }</pre>
 */
public final class ExportVerifierOptions {

    private static final ExportVerifierOptions DEFAULTS =
            new ExportVerifierOptions(null, null, false, OptionalLong.empty());

    private final Profile profile;
    private final byte[] trustAnchor;
    private final boolean expectContiguous;
    private final OptionalLong expectFirstCounter;

    private ExportVerifierOptions(Profile profile, byte[] trustAnchor, boolean expectContiguous,
            OptionalLong expectFirstCounter) {
        this.profile = profile;
        this.trustAnchor = trustAnchor;
        this.expectContiguous = expectContiguous;
        this.expectFirstCounter = expectFirstCounter;
    }

    /** No pinned root, gaps are warnings, and the profile follows from info.csv. */
    public static ExportVerifierOptions defaults() {
        return DEFAULTS;
    }

    /** {@code --profile}: overrides the profile that info.csv would select. */
    public ExportVerifierOptions withProfile(Profile profile) {
        return new ExportVerifierOptions(Objects.requireNonNull(profile), trustAnchor, expectContiguous,
                expectFirstCounter);
    }

    /** {@code --trust-anchor}: the root (or CA) certificate, DER or PEM, that the chain must reach (B5). */
    public ExportVerifierOptions withTrustAnchor(byte[] certificate) {
        return new ExportVerifierOptions(profile, certificate.clone(), expectContiguous, expectFirstCounter);
    }

    /** {@code --expect-contiguous}: counter gaps (F2) and transaction gaps (G4) are errors. */
    public ExportVerifierOptions withExpectContiguous(boolean expect) {
        return new ExportVerifierOptions(profile, trustAnchor, expect, expectFirstCounter);
    }

    /** {@code --expect-first-counter N}: the smallest signature counter of each key must be N (F3). */
    public ExportVerifierOptions withExpectFirstCounter(long counter) {
        if (counter < 1) {
            throw new IllegalArgumentException("a signature counter starts at 1: " + counter);
        }
        return new ExportVerifierOptions(profile, trustAnchor, expectContiguous, OptionalLong.of(counter));
    }

    /** The profile given explicitly; empty = from info.csv ({@link Profile#OPENTSS} if it names OpenTSS). */
    public Optional<Profile> profile() {
        return Optional.ofNullable(profile);
    }

    public Optional<byte[]> trustAnchor() {
        return Optional.ofNullable(trustAnchor).map(byte[]::clone);
    }

    public boolean expectContiguous() {
        return expectContiguous;
    }

    public OptionalLong expectFirstCounter() {
        return expectFirstCounter;
    }
}
