package org.opentss.tss;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.opentss.identity.Environment;
import org.opentss.journal.JournalCounters;

/**
 * A TSS as stored. Counters and times of the journal ({@code signatureCounter}, {@code lastLogTime} …)
 * are read here but written only by the journal, in the same database transaction as its log messages.
 */
public record Tss(
        String id,
        String organizationId,
        Environment env,
        TssState state,
        String description,
        byte[] publicKey,
        String serialNumber,
        byte[] certificate,
        byte[] keyHandle,
        long certificateNotAfter,
        long signatureCounter,
        long transactionCounter,
        long lastLogTime,
        OptionalLong lastUpdateTimeAt,
        int maxRegisteredClients,
        int maxActiveTransactions,
        int numberRegisteredClients,
        int numberActiveTransactions,
        String pukHash,
        Optional<String> pinHash,
        int pinFailures,
        int pukFailures,
        int pukLockLevel,
        OptionalLong pukLockedUntil,
        Map<String, String> metadata,
        long timeCreation,
        OptionalLong timeUninit,
        OptionalLong timeInit,
        OptionalLong timeDisable,
        OptionalLong timeDefective) {

    /** The same TSS after the journal wrote {@code counters} into its row. */
    public Tss withJournalCounters(JournalCounters counters) {
        return new Tss(id, organizationId, env, state, description, publicKey, serialNumber, certificate, keyHandle,
                certificateNotAfter, counters.signatureCounter(), counters.transactionCounter(), counters.lastLogTime(),
                counters.lastUpdateTimeAt(), maxRegisteredClients, maxActiveTransactions, numberRegisteredClients,
                counters.activeTransactions(), pukHash, pinHash, pinFailures, pukFailures, pukLockLevel, pukLockedUntil,
                metadata, timeCreation, timeUninit, timeInit, timeDisable, timeDefective);
    }

    /** Whether a caller with this organization and environment may see it (sign-de-v2.md §1.7). */
    public boolean isVisibleTo(String organizationId, Environment env) {
        return this.organizationId.equals(organizationId) && this.env == env;
    }

    /** The PIN is blocked until it is set, and after too many wrong PINs (§5.6). */
    public boolean isPinBlocked(int maxFailures) {
        return pinHash.isEmpty() || pinFailures >= maxFailures;
    }

    @Override
    public String toString() {
        return "Tss[id=" + id + ", state=" + state + ", signatureCounter=" + signatureCounter + "]";
    }
}
