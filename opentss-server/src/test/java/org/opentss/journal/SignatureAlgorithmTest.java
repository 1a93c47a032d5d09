package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** tse-formats.md §1.3 (signatureAlgorithm elements) and §2.2. */
class SignatureAlgorithmTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ECDSA_PLAIN_SHA256 | 30 0C 06 0A 04 00 7F 00 07 01 01 04 01 03 | ecdsa-plain-SHA256 | SHA256withECDSAinP1363Format | 64
            ECDSA_PLAIN_SHA384 | 30 0C 06 0A 04 00 7F 00 07 01 01 04 01 04 | ecdsa-plain-SHA384 | SHA384withECDSAinP1363Format | 96
            """)
    void elementNamesAndSignatureLength(
            SignatureAlgorithm alg, String element, String apiName, String jcaName, int signatureLength) {
        assertThat(alg.algorithmIdentifier()).isEqualTo(SpecHex.bytes(element));
        assertThat(alg.apiName()).isEqualTo(apiName);
        assertThat(alg.jcaName()).isEqualTo(jcaName);
        assertThat(alg.signatureLength()).isEqualTo(signatureLength);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void theJdkKnowsTheJcaName(SignatureAlgorithm alg) throws Exception {
        assertThat(Signature.getInstance(alg.jcaName()).getAlgorithm()).isEqualTo(alg.jcaName());
    }
}
