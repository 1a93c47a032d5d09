package org.opentss.journal;

/**
 * The name of a log message file in a TAR export (tse-formats.md §8.6, TR-03151 §5.1.2), e.g.
 * {@code Unixt_1767258000_Sig-8_Log-Tra_No-1_Start_Client-KASSE-01.log}. {@code Unixt} says that the
 * date is a unixTime, which is the only time format OpenTSS writes; all numbers are decimal without
 * leading zeros, clientId and operationType are inserted verbatim.
 */
public final class LogFileName {

    private static final String EXTENSION = ".log";

    private LogFileName() {
    }

    /** The file name of a transaction or system log, without a file counter. */
    public static String of(CertifiedData data, long signatureCounter, long logTime) {
        return switch (data) {
            case TransactionData tx -> ofTransaction(
                    signatureCounter, logTime, tx.transactionNumber(), tx.phase(), tx.clientId());
            case SystemData system -> ofSystem(signatureCounter, logTime, system.operationType());
        };
    }

    /**
     * The file name of a transaction log from the columns the journal stores beside the message, so an
     * export can name stored logs without decoding them.
     */
    public static String ofTransaction(
            long signatureCounter, long logTime, long transactionNumber, TransactionPhase phase, String clientId) {
        return prefix(logTime, signatureCounter) + LogType.TRANSACTION.fileNameCode()
                + "_No-" + transactionNumber + "_" + phase.fileNameType() + "_Client-" + clientId + EXTENSION;
    }

    /** The file name of a system log from the columns the journal stores beside the message. */
    public static String ofSystem(long signatureCounter, long logTime, String operationType) {
        return prefix(logTime, signatureCounter) + LogType.SYSTEM.fileNameCode() + "_" + operationType + EXTENSION;
    }

    /** The file name of an audit log, which has no certifiedData (§1.7); OpenTSS writes none but exports must name them. */
    public static String ofAudit(long signatureCounter, long logTime) {
        return prefix(logTime, signatureCounter) + LogType.AUDIT.fileNameCode() + EXTENSION;
    }

    /**
     * The name a file gets in an archive that already holds {@code sameNamesBefore} files of the same
     * {@code name} (compared without the file counter): unchanged for the first, {@code _Fc-1} before
     * the extension for the second, {@code _Fc-2} for the third, and so on. Keeping that count is the
     * export writer's business.
     */
    public static String withFileCounter(String name, int sameNamesBefore) {
        if (!name.endsWith(EXTENSION)) {
            throw new IllegalArgumentException("not a log file name: " + name);
        }
        if (sameNamesBefore < 0) {
            throw new IllegalArgumentException("sameNamesBefore must not be negative, was " + sameNamesBefore);
        }
        if (sameNamesBefore == 0) {
            return name;
        }
        return name.substring(0, name.length() - EXTENSION.length()) + "_Fc-" + sameNamesBefore + EXTENSION;
    }

    private static String prefix(long logTime, long signatureCounter) {
        return "Unixt_" + logTime + "_Sig-" + signatureCounter + "_Log-";
    }
}
