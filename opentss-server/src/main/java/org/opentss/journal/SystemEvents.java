package org.opentss.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The system logs OpenTSS writes (tse-formats.md §5.2), each with the exact systemOperationData of §5.4.
 * Strings inside systemOperationData are raw PrintableString content and times are unixTime INTEGER
 * content, both without a universal tag (TR-03151-A: no {@code 13} after {@code 81 LL}).
 */
public final class SystemEvents {

    /** The API has a single admin user; fiskaly logs it as {@code tr-admin}, the userId is informational (§5.1). */
    private static final String ADMIN_USER_ID = "admin";
    /** OpenTSS runs one combined self test of its CSP and SMAERS functions (§5.3). */
    private static final String SELF_TEST_COMPONENT = "SMAERS";
    private static final byte ROLE_ADMIN = 0x01;
    private static final byte LOG_OUT_CAUSE_USER = 0x00;
    private static final byte UNBLOCK_OK = 0x00;
    private static final byte UNBLOCK_FAILED = 0x01;

    private SystemEvents() {
    }

    /**
     * @param timeBeforeUpdate the logTime of the TSS's most recent stored log, or 0 for its first log
     * @param timeAfterUpdate the new current time, which is also this log's logTime
     */
    public static SystemData updateTime(long timeBeforeUpdate, long timeAfterUpdate) {
        return event("updateTime",
                unixTime("timeBeforeUpdate", timeBeforeUpdate),
                unixTime("timeAfterUpdate", timeAfterUpdate));
    }

    /** A successful self test: key pair and counters are consistent. */
    public static SystemData selfTest() {
        return event("selfTest", text("componentName", SELF_TEST_COMPONENT), bool(true));
    }

    /**
     * A failed self test.
     *
     * @param errorMessage a short English PrintableString, e.g. {@code key pair inconsistent}
     * @param timeOfEvent when the test failed, present only if logged retroactively once the TSS can sign again
     */
    public static SystemData selfTestFailed(String errorMessage, OptionalLong timeOfEvent) {
        List<byte[]> fields = new ArrayList<>(List.of(
                text("componentName", SELF_TEST_COMPONENT),
                bool(false),
                text("errorMessage", errorMessage)));
        timeOfEvent.ifPresent(time -> fields.add(unixTime("timeOfEvent", time)));
        return event("selfTest", fields.toArray(byte[][]::new));
    }

    /** A change of the admin PIN with the PUK; {@code ok} is false for a wrong PUK. */
    public static SystemData unblockUser(boolean ok) {
        return event("unblockUser", text("userId", ADMIN_USER_ID), enumerated(ok ? UNBLOCK_OK : UNBLOCK_FAILED));
    }

    /** An admin login attempt in which the PIN was checked. */
    public static SystemData authenticateUser(boolean success) {
        return event("authenticateUser", text("userId", ADMIN_USER_ID), enumerated(ROLE_ADMIN), bool(success));
    }

    /** An admin logout that ended an active login. */
    public static SystemData logOut() {
        return event("logOut", text("userId", ADMIN_USER_ID), enumerated(LOG_OUT_CAUSE_USER));
    }

    /** TSS state UNINITIALIZED → INITIALIZED; {@code description} defaults to {@code OpenTSS (<tss_id>)}. */
    public static SystemData initialize(String description) {
        return event("initialize", text("description", description));
    }

    /** A client was created, or registered again. */
    public static SystemData registerClient(String clientId) {
        return event("registerClient", PrintableString.encodeClientId(clientId));
    }

    public static SystemData deregisterClient(String clientId) {
        return event("deregisterClient", PrintableString.encodeClientId(clientId));
    }

    /** TSS state → DISABLED, the last log of the TSS; the time equals this log's logTime. */
    public static SystemData disableSecureElement(long timeOfDeactivation) {
        return event("disableSecureElement", unixTime("timeOfDeactivation", timeOfDeactivation));
    }

    /** Every OpenTSS event numbers its fields {@code 81}, {@code 82}, … in order (§5.2). */
    private static SystemData event(String operationType, byte[]... fieldContents) {
        byte[][] fields = new byte[fieldContents.length][];
        for (int i = 0; i < fieldContents.length; i++) {
            fields[i] = Der.tlv(0x81 + i, fieldContents[i]);
        }
        return new SystemData(operationType, Der.concat(fields));
    }

    private static byte[] text(String field, String value) {
        return PrintableString.encode(field, value);
    }

    private static byte[] unixTime(String field, long value) {
        return Der.integerContent(LogValues.requireUnixTime(field, value));
    }

    private static byte[] bool(boolean value) {
        return new byte[] {(byte) (value ? 0xFF : 0x00)};
    }

    private static byte[] enumerated(byte value) {
        return new byte[] {value};
    }
}
