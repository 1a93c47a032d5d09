package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amount and quantity formatting (sign-de-v2.md §8.4, tse-formats.md §6.2.3 A1–A5, §6.3). */
class AmountsTest {

    @ParameterizedTest
    @CsvSource({
        "21.42, 21.42",
        "007.50, 7.50",
        "10.129, 10.12",
        "-2.505, -2.50",
        "-0.004, 0.00",
        "-0.00, 0.00",
        "12.345, 12.34",
        "-12.345, -12.34",
        "5.00000, 5.00",
        "4.2, 4.20",
        "1000000.00, 1000000.00",
        "0.50, 0.50",
        "-5.00, -5.00",
    })
    void amountsAreTruncatedToTwoDecimalsAndNeverNegativeZero(String amount, String written) {
        assertThat(Amounts.format(new BigDecimal(amount))).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({
        "2, 2",
        "1.500, 1.5",
        "1.50, 1.5",
        "03.10, 3.1",
        "0.600, 0.6",
        "3.14150, 3.1415",
        "007, 7",
        "-1, -1",
        "-0.0, 0",
        "0, 0",
        "100, 100",
        "120.000, 120",
    })
    void quantitiesUseTheFewestDecimals(String quantity, String written) {
        assertThat(Amounts.formatQuantity(new BigDecimal(quantity))).isEqualTo(written);
    }
}
