package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** tse-formats.md §8.6 (the golden names are checked in {@link GoldenSequenceTest}). */
class LogFileNameTest {

    private static final byte[] NONE = new byte[0];

    @Test
    void systemLogIsNamedByItsOperationType() {
        assertThat(LogFileName.of(SystemEvents.authenticateUser(true), 4, 1767254460L))
                .isEqualTo("Unixt_1767254460_Sig-4_Log-Sys_authenticateUser.log");
    }

    @Test
    void transactionLogIsNamedByNumberPhaseAndClient() {
        assertThat(LogFileName.of(new TransactionData(TransactionPhase.START, "KASSE-01", NONE, "", 1), 8, 1767258000L))
                .isEqualTo("Unixt_1767258000_Sig-8_Log-Tra_No-1_Start_Client-KASSE-01.log");
        assertThat(LogFileName.of(new TransactionData(TransactionPhase.UPDATE, "KASSE-01", NONE, "", 1), 9, 1767258005L))
                .isEqualTo("Unixt_1767258005_Sig-9_Log-Tra_No-1_Update_Client-KASSE-01.log");
        assertThat(LogFileName.of(new TransactionData(TransactionPhase.FINISH, "1063641", NONE, "Kassenbeleg-V1", 1), 16, 1627475939L))
                .isEqualTo("Unixt_1627475939_Sig-16_Log-Tra_No-1_Finish_Client-1063641.log");
    }

    @Test
    void clientIdIsInsertedVerbatimSpacesIncluded() {
        TransactionData finish = new TransactionData(
                TransactionPhase.FINISH, "137741-0001-Hiopos And6", NONE, "Kassenbeleg-V1", 209);
        assertThat(LogFileName.of(finish, 576, 1630053044L))
                .isEqualTo("Unixt_1630053044_Sig-576_Log-Tra_No-209_Finish_Client-137741-0001-Hiopos And6.log");
    }

    /** Exports name stored logs from their columns; the names must be those of the logs' certifiedData. */
    @Test
    void storedColumnsGiveTheSameNamesAsTheCertifiedData() {
        TransactionData finish = new TransactionData(TransactionPhase.FINISH, "KASSE-01", NONE, "Kassenbeleg-V1", 1);
        assertThat(LogFileName.ofTransaction(9, 1767258012L, 1,
                TransactionPhase.ofOperationType("FinishTransaction"), "KASSE-01"))
                .isEqualTo(LogFileName.of(finish, 9, 1767258012L))
                .isEqualTo("Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-KASSE-01.log");
        assertThat(LogFileName.ofSystem(4, 1767254460L, "authenticateUser"))
                .isEqualTo(LogFileName.of(SystemEvents.authenticateUser(true), 4, 1767254460L));
        assertThatThrownBy(() -> TransactionPhase.ofOperationType("Finish")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void auditLogHasNoType() {
        assertThat(LogFileName.ofAudit(1853, 1543565694L)).isEqualTo("Unixt_1543565694_Sig-1853_Log-Aud.log");
    }

    @Test
    void fileCounterIsAddedOnlyForRepeatedNames() {
        String name = LogFileName.ofAudit(1853, 1543565694L);
        assertThat(LogFileName.withFileCounter(name, 0)).isEqualTo(name);
        assertThat(LogFileName.withFileCounter(name, 1)).isEqualTo("Unixt_1543565694_Sig-1853_Log-Aud_Fc-1.log");
        assertThat(LogFileName.withFileCounter("Unixt_1767254460_Sig-4_Log-Sys_authenticateUser.log", 2))
                .isEqualTo("Unixt_1767254460_Sig-4_Log-Sys_authenticateUser_Fc-2.log");
    }

    @Test
    void fileCounterNeedsALogFileNameAndACountOfZeroOrMore() {
        assertThatThrownBy(() -> LogFileName.withFileCounter("info.csv", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogFileName.withFileCounter("Unixt_1_Sig-1_Log-Aud.log", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
