package org.opentss.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyPagesTest {

    @Test
    void keysAreListedWithTheirMiddleHidden() {
        assertThat(ApiKeyPages.masked("test_ab12cd34ef56gh78ij90kl12_kasse1")).isEqualTo("test_ab12…_kasse1");
        assertThat(ApiKeyPages.masked("live_zzzzyyyyxxxxwwwwvvvvuuuu_key")).isEqualTo("live_zzzz…_key");
        assertThat(ApiKeyPages.masked("odd")).isEqualTo("…");
        assertThat(ApiKeyPages.masked("oddly_shaped")).isEqualTo("oddl…");
    }
}
