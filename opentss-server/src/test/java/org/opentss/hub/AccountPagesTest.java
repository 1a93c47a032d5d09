package org.opentss.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountPagesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://localhost:8080/hub/tss/4b62512e-3c6f-417d-a5c9-a306172485ef | /hub/tss",
        "http://localhost:8080/hub/transactions?tss=x | /hub/transactions",
        "http://localhost:8080/hub | /hub",
        "http://localhost:8080/docs | /hub",
        "not a url | /hub",
    })
    void switchingStaysInTheSectionButLeavesTheOldOrganizationsDetailPages(String referer, String expected) {
        assertThat(AccountPages.section(referer)).isEqualTo(expected);
    }
}
