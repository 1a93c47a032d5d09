package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of tse-formats.md §5.4, plus the failure variants §5.2 describes but §5.4 does not list. */
class SystemEventsTest {

    static Stream<Arguments> section54() {
        return Stream.of(
                argumentSet("updateTime, first (0 → 1767254400)",
                        SystemEvents.updateTime(0, 1767254400L),
                        "80 0A 75 70 64 61 74 65 54 69 6D 65 81 09 81 01 00 82 04 69 56 29 80"),
                argumentSet("updateTime, takeover (1767258012 → 1767261000)",
                        SystemEvents.updateTime(1767258012L, 1767261000L),
                        "80 0A 75 70 64 61 74 65 54 69 6D 65 81 0C 81 04 69 56 37 9C 82 04 69 56 43 48"),
                argumentSet("selfTest, success",
                        SystemEvents.selfTest(),
                        "80 08 73 65 6C 66 54 65 73 74 81 0B 81 06 53 4D 41 45 52 53 82 01 FF"),
                argumentSet("unblockUser, ok",
                        SystemEvents.unblockUser(true),
                        "80 0B 75 6E 62 6C 6F 63 6B 55 73 65 72 81 0A 81 05 61 64 6D 69 6E 82 01 00"),
                argumentSet("authenticateUser, success",
                        SystemEvents.authenticateUser(true),
                        "80 10 61 75 74 68 65 6E 74 69 63 61 74 65 55 73 65 72 81 0D 81 05 61 64 6D 69 6E 82 01 01 83 01 FF"),
                argumentSet("authenticateUser, wrong PIN",
                        SystemEvents.authenticateUser(false),
                        "80 10 61 75 74 68 65 6E 74 69 63 61 74 65 55 73 65 72 81 0D 81 05 61 64 6D 69 6E 82 01 01 83 01 00"),
                argumentSet("logOut",
                        SystemEvents.logOut(),
                        "80 06 6C 6F 67 4F 75 74 81 0A 81 05 61 64 6D 69 6E 82 01 00"),
                argumentSet("initialize",
                        SystemEvents.initialize("OpenTSS (6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10)"),
                        "80 0A 69 6E 69 74 69 61 6C 69 7A 65 81 30 81 2E \"OpenTSS (6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10)\""),
                argumentSet("registerClient",
                        SystemEvents.registerClient("KASSE-01"),
                        "80 0E 72 65 67 69 73 74 65 72 43 6C 69 65 6E 74 81 0A 81 08 4B 41 53 53 45 2D 30 31"),
                argumentSet("deregisterClient",
                        SystemEvents.deregisterClient("KASSE-01"),
                        "80 10 64 65 72 65 67 69 73 74 65 72 43 6C 69 65 6E 74 81 0A 81 08 4B 41 53 53 45 2D 30 31"),
                argumentSet("disableSecureElement",
                        SystemEvents.disableSecureElement(1767261630L),
                        "80 14 64 69 73 61 62 6C 65 53 65 63 75 72 65 45 6C 65 6D 65 6E 74 81 06 81 04 69 56 45 BE"));
    }

    @ParameterizedTest
    @MethodSource("section54")
    void certifiedDataIsExactlyAsInSection54(SystemData event, String expected) {
        assertThat(SpecHex.hex(event.elements())).isEqualTo(SpecHex.hex(SpecHex.bytes(expected)));
        assertThat(event.certifiedDataType()).isEqualTo(SpecHex.bytes("06 09 04 00 7F 00 07 03 07 01 02"));
    }

    @Test
    void unblockUserWithAWrongPukIsFailed() {
        assertThat(SystemEvents.unblockUser(false).systemOperationData())
                .isEqualTo(SpecHex.bytes("81 05 \"admin\" 82 01 01"));
    }

    @Test
    void failedSelfTestCarriesTheErrorMessage() {
        SystemData event = SystemEvents.selfTestFailed("key pair inconsistent", OptionalLong.empty());
        assertThat(event.operationType()).isEqualTo("selfTest");
        assertThat(event.systemOperationData())
                .isEqualTo(SpecHex.bytes("81 06 \"SMAERS\" 82 01 00 83 15 \"key pair inconsistent\""));
    }

    @Test
    void failedSelfTestLoggedRetroactivelyCarriesItsTime() {
        SystemData event = SystemEvents.selfTestFailed("counter state inconsistent", OptionalLong.of(1767261000L));
        assertThat(event.systemOperationData()).isEqualTo(SpecHex.bytes(
                "81 06 \"SMAERS\" 82 01 00 83 1A \"counter state inconsistent\" 84 04 69 56 43 48"));
    }

    @Test
    void stringsOutsidePrintableStringAreRefused() {
        assertThatThrownBy(() -> SystemEvents.initialize("Filiale Köln")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SystemEvents.selfTestFailed("key_pair", OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SystemEvents.registerClient("KASSE/01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SystemEvents.deregisterClient("KASSE_01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesBefore1970AreRefused() {
        assertThatThrownBy(() -> SystemEvents.updateTime(-1, 1767254400L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SystemEvents.disableSecureElement(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
