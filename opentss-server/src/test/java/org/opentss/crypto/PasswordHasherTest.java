package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreSaltedArgon2idAndMatchOnlyTheSecret() {
        String first = hasher.hash("1234567890");
        String second = hasher.hash("1234567890");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("1234567890");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("1234567890", first)).isTrue();
        assertThat(hasher.matches("1234567890", second)).isTrue();
        assertThat(hasher.matches("1234567891", first)).isFalse();
        assertThat(hasher.matches("", first)).isFalse();
    }

    @Test
    void comparesUtf8BytesWithoutNormalization() {
        String composed = hasher.hash("päßwörd-1");
        assertThat(hasher.matches("päßwörd-1", composed)).isTrue();
        assertThat(hasher.matches("pa\u0308ßwörd-1", composed)).isFalse();
    }
}
