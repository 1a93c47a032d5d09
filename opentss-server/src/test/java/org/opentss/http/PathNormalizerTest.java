package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {

    @ParameterizedTest
    @CsvSource({
        "/api/v2/tss, /api/v2/tss",
        "/, /",
        "/api/v2/tss/, /api/v2/tss",
        "/api/v2//tss/, /api/v2/tss",
        "//api///v2/tss, /api/v2/tss",
        "//, /"})
    void duplicateSlashesCollapseAndOneTrailingSlashGoes(String path, String normalized) {
        assertThat(PathNormalizer.normalize(path)).isEqualTo(normalized);
    }
}
