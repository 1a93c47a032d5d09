package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MasterKeySealerTest {

    private static final byte[] SECRET = "a data key".getBytes(StandardCharsets.US_ASCII);

    private final MasterKey oldKey = key(1);
    private final MasterKey newKey = key(2);
    /** The check value the database holds. */
    private final AtomicReference<String> stored = new AtomicReference<>(oldKey.checkValue());
    private final MasterKeyRing ring = MasterKeyRing.of(newKey, Optional.of(oldKey), () -> Optional.of(stored.get()));
    private final MasterKeySealer sealer = ring.sealer("test/v1");

    @Test
    void whileTheDatabaseNamesThePreviousKeyValuesAreSealedUnderIt() {
        byte[] sealed = sealer.seal(SECRET, "row-1");

        assertThat(ring.isRotationPending()).isTrue();
        assertThat(MasterKeyRing.of(oldKey).sealer("test/v1").open(sealed, "row-1")).isEqualTo(SECRET);
        assertThat(sealer.isUnderCurrentKey(sealed, "row-1")).isFalse();
        assertThat(sealer.open(sealed, "row-1")).isEqualTo(SECRET);
    }

    @Test
    void afterTheSwitchValuesAreSealedUnderTheCurrentKeyAndOldOnesStillOpen() {
        byte[] before = sealer.seal(SECRET, "row-1");
        stored.set(newKey.checkValue());
        byte[] after = sealer.seal(SECRET, "row-2");

        assertThat(ring.isRotationPending()).isFalse();
        assertThat(sealer.isUnderCurrentKey(after, "row-2")).isTrue();
        assertThat(sealer.open(before, "row-1")).isEqualTo(SECRET);
        byte[] resealed = sealer.resealedUnderCurrentKey(before, "row-1");
        assertThat(MasterKeyRing.of(newKey).sealer("test/v1").open(resealed, "row-1")).isEqualTo(SECRET);
        assertThatThrownBy(() -> MasterKeyRing.of(oldKey).sealer("test/v1").open(resealed, "row-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueOpensOnlyUnderItsPurposeAndLabelAndNotWithAThirdKey() {
        byte[] sealed = sealer.seal(SECRET, "row-1");
        assertThatThrownBy(() -> sealer.open(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.sealer("other/v1").open(sealed, "row-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKeyRing.of(key(3)).sealer("test/v1").open(sealed, "row-1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.resealedUnderCurrentKey(MasterKeyRing.of(key(3)).sealer("test/v1")
                .seal(SECRET, "row-1"), "row-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNodeRunsOnlyOnADatabaseSetUpWithOneOfItsKeys() {
        ring.requireKnown(oldKey.checkValue());
        ring.requireKnown(newKey.checkValue());
        assertThatThrownBy(() -> ring.requireKnown(key(3).checkValue())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the master key does not match").hasMessageContaining("OPENTSS_MASTER_KEY_PREVIOUS");
        assertThatThrownBy(() -> MasterKeyRing.of(newKey).requireKnown(oldKey.checkValue()))
                .hasMessageContaining("the master key does not match");
    }

    private static MasterKey key(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return MasterKey.of(bytes);
    }
}
