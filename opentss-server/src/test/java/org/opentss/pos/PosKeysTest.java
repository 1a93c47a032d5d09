package org.opentss.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;

/** The formats of POS API secrets (pos-api.md §4.1) and their listing form (§4.5). */
class PosKeysTest {

    private final PosKeys keys = new PosKeys();

    @Test
    void keysCarryTheirKindAndEnvironmentAnd32Base62Characters() {
        String live = keys.newPlatformKey(Environment.LIVE);
        assertThat(live).matches("ofk_platform_live_[0-9A-Za-z]{32}");
        assertThat(PosKeys.platformKeyEnv(live)).contains(Environment.LIVE);
        assertThat(PosKeys.registerKeyEnv(live)).isEmpty();
        String register = keys.newRegisterKey(Environment.TEST);
        assertThat(register).matches("ofk_reg_test_[0-9A-Za-z]{32}");
        assertThat(PosKeys.registerKeyEnv(register)).contains(Environment.TEST);
        assertThat(PosKeys.platformKeyEnv(register)).isEmpty();
        assertThat(PosKeys.isSetupToken(keys.newSetupToken())).isTrue();
        assertThat(PosKeys.platformKeyEnv(live + "x")).isEmpty();
    }

    @Test
    void keysAreDrawnAtRandom() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(keys.newSetupToken())).isTrue();
        }
    }

    @Test
    void theMaskedFormShowsPrefixAndLastFourCharacters() {
        assertThat(PosKeys.masked("ofk_platform_live_UoC2Q6VgpXTQgswGavV9cHnUlX7ZCzkZ"))
                .isEqualTo("ofk_platform_live_...CzkZ");
    }
}
