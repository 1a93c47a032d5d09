package org.opentss.journal;

/** The phase a transaction log records; it names the operationType (§1.5.1) and the file name TYPE (§8.6). */
public enum TransactionPhase {
    START("StartTransaction", "Start"),
    UPDATE("UpdateTransaction", "Update"),
    FINISH("FinishTransaction", "Finish");

    private final String operationType;
    private final String fileNameType;

    TransactionPhase(String operationType, String fileNameType) {
        this.operationType = operationType;
        this.fileNameType = fileNameType;
    }

    /** The phase whose {@link #operationType()} is {@code operationType}, as the journal stores it per log. */
    public static TransactionPhase ofOperationType(String operationType) {
        for (TransactionPhase phase : values()) {
            if (phase.operationType.equals(operationType)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("not a transaction operationType: " + operationType);
    }

    /** The operationType of log format version 2, UpperCamelCase ({@code StartTransaction}). */
    public String operationType() {
        return operationType;
    }

    /** The TYPE part of the export file name ({@code Start}). */
    public String fileNameType() {
        return fileNameType;
    }
}
