package org.opentss.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubGuardTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/hub/tss/abc?x=1 | /hub/tss/abc?x=1",
        "/hub | /hub",
        "https://evil.example/hub/ | /hub",
        "//evil.example/hub/ | /hub",
        "/hub//evil.example | /hub",
        "/hub/\\\\evil.example | /hub",
        "/hubx | /hub",
        "/api/v2/tss | /hub",
        "'' | /hub",
    })
    void signInReturnsOnlyToHubPages(String next, String expected) {
        assertThat(HubGuard.safeNext(next)).isEqualTo(expected);
    }
}
