package org.opentss.tss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/**
 * The admin PIN and PUK lockouts of sign-de-v2.md §5.6 over their whole life: the PIN blocks after five
 * consecutive wrong PINs, PUK use locks after ten consecutive wrong PUKs for 15 minutes × 2^(n−1) capped at
 * 24 hours, the lock ends by time with a fresh failure count, and a good PUK resets the escalation. While
 * locked, even the right PUK is refused and nothing is signed.
 */
class AdminLockoutIT {

    private static final int PUK_FAILURES_TO_LOCK = 10;
    private static final int PIN_FAILURES_TO_BLOCK = 5;
    private static final String NEW_PIN = "new-pin-42";

    private static TestServer server;
    private static CreatedApiKey key;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        key = server.createApiKey(server.createOrganization("Lockout").id(), Environment.TEST);
        token = server.accessToken(key);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachPukLockLastsTwiceAsLongUpToADayAndAGoodPukStartsOver() {
        ProvisionedTss tss = ProvisionedTss.provision(server, token, 0);
        long[] expectedLocks = {900, 1_800, 3_600, 7_200, 14_400, 28_800, 57_600, 86_400, 86_400};
        for (long expected : expectedLocks) {
            assertThat(lockPuk(tss)).as("lock after %d s before", expected).isEqualTo(expected);
            advance(Duration.ofSeconds(expected - 1));
            assertPukLocked(tss, 1);
            advance(Duration.ofSeconds(1));
        }

        assertThat(setPin(tss, tss.puk(), NEW_PIN).status()).as("the lock expired").isEqualTo(200);
        assertThat(login(tss, NEW_PIN).status()).isEqualTo(200);
        assertThat(lockPuk(tss)).as("a good PUK reset the escalation").isEqualTo(900);
    }

    @Test
    void anExpiredLockCountsFailuresFromZero() {
        ProvisionedTss tss = ProvisionedTss.provision(server, token, 0);
        long lock = lockPuk(tss);
        advance(Duration.ofSeconds(lock));
        for (int i = 1; i < PUK_FAILURES_TO_LOCK; i++) {
            assertThat(setPin(tss, wrongPuk(tss), NEW_PIN).code()).as("failure %d after the lock", i)
                    .isEqualTo("E_ADMIN_LOGIN_FAILED");
        }
        assertThat(setPin(tss, tss.puk(), NEW_PIN).status()).isEqualTo(200);
    }

    @Test
    void theRightPukIsRefusedWhileLockedAndChangesNothing() {
        ProvisionedTss tss = ProvisionedTss.provision(server, token, 0);
        lockPuk(tss);
        long signaturesBefore = signatureCounter(tss);

        assertPukLocked(tss, 900);

        assertThat(signatureCounter(tss)).as("a refused PUK is not logged").isEqualTo(signaturesBefore);
        assertThat(login(tss, tss.pin()).status()).as("the old PIN still holds").isEqualTo(200);
        assertThat(login(tss, NEW_PIN).code()).as("the refused new PIN was not set").isEqualTo("E_ADMIN_LOGIN_FAILED");
    }

    @Test
    void onlyConsecutiveWrongPinsBlockThePinAndThePukUnblocksIt() {
        ProvisionedTss tss = ProvisionedTss.provision(server, token, 0);
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i < PIN_FAILURES_TO_BLOCK; i++) {
                assertThat(login(tss, "wrong-pin").code()).isEqualTo("E_ADMIN_LOGIN_FAILED");
            }
            assertThat(login(tss, tss.pin()).status()).as("a good PIN resets the count").isEqualTo(200);
        }
        for (int i = 0; i < PIN_FAILURES_TO_BLOCK; i++) {
            assertThat(login(tss, "wrong-pin").code()).isEqualTo("E_ADMIN_LOGIN_FAILED");
        }
        HttpResult blocked = login(tss, tss.pin());
        assertThat(blocked.status()).isEqualTo(423);
        assertThat(blocked.code()).isEqualTo("E_ADMIN_PIN_BLOCKED");
        advance(Duration.ofDays(2));
        assertThat(login(tss, tss.pin()).code()).as("a blocked PIN does not recover by time")
                .isEqualTo("E_ADMIN_PIN_BLOCKED");

        assertThat(setPin(tss, tss.puk(), NEW_PIN).status()).isEqualTo(200);
        assertThat(login(tss, NEW_PIN).status()).isEqualTo(200);
    }

    /** Lets time pass; the access token of before would have expired by then. */
    private static void advance(Duration time) {
        server.clock().advance(time);
        token = server.accessToken(key);
    }

    /** Sends wrong PUKs until PUK use locks and returns the lock's length in seconds. */
    private static long lockPuk(ProvisionedTss tss) {
        for (int i = 1; i <= PUK_FAILURES_TO_LOCK; i++) {
            HttpResult wrong = setPin(tss, wrongPuk(tss), NEW_PIN);
            assertThat(wrong.status()).as("wrong PUK %d: %s", i, wrong).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo("E_ADMIN_LOGIN_FAILED");
        }
        HttpResult locked = setPin(tss, tss.puk(), NEW_PIN);
        assertThat(locked.code()).as(locked.toString()).isEqualTo("E_ADMIN_PUK_BLOCKED");
        return Long.parseLong(locked.header("Retry-After").orElseThrow());
    }

    private static void assertPukLocked(ProvisionedTss tss, long retryAfter) {
        HttpResult locked = setPin(tss, tss.puk(), NEW_PIN);
        assertThat(locked.status()).as(locked.toString()).isEqualTo(423);
        assertThat(locked.code()).isEqualTo("E_ADMIN_PUK_BLOCKED");
        assertThat(locked.header("Retry-After")).contains(Long.toString(retryAfter));
    }

    private static String wrongPuk(ProvisionedTss tss) {
        return tss.puk().equals("0000000000") ? "1111111111" : "0000000000";
    }

    private static HttpResult setPin(ProvisionedTss tss, String puk, String newPin) {
        return server.patch(tss.path() + "/admin", "{\"admin_puk\":\"" + puk + "\",\"new_admin_pin\":\"" + newPin + "\"}",
                token);
    }

    private static HttpResult login(ProvisionedTss tss, String pin) {
        return server.post(tss.path() + "/admin/auth", "{\"admin_pin\":\"" + pin + "\"}", token);
    }

    private static long signatureCounter(ProvisionedTss tss) {
        return Long.parseLong(server.get(tss.path(), token).json().get("signature_counter").asString());
    }
}
