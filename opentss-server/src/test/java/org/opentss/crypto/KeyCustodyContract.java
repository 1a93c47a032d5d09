package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyCustody} promises, run against each implementation by a subclass. Signatures are
 * checked with the JDK's own verifier, never with the custody that made them.
 */
abstract class KeyCustodyContract {

    private static final byte[] DATA = "data to be signed".getBytes(StandardCharsets.US_ASCII);

    /** The custody under test; the same instance on every call within a test. */
    abstract KeyCustody custody();

    /** Another instance of the custody on the same key store, as another node or a restarted one has it. */
    abstract KeyCustody another();

    /** {@code target} with the public key of {@code source}, both handles of this custody. */
    abstract byte[] withPublicKeyOf(byte[] target, byte[] source);

    @Test
    void aNewKeySignsPlainRsOnP256AndDerOnP384ThatTheJdkVerifies() throws Exception {
        KeyCustody.CustodyKey tss = custody().generate("tss:contract-1", EcCurve.P256);
        byte[] plain = tss.key().sign("SHA256withECDSAinP1363Format", DATA);
        assertThat(plain).hasSize(64);
        assertThat(verifies("SHA256withECDSAinP1363Format", tss.key().publicKey(), plain)).isTrue();

        KeyCustody.CustodyKey ca = custody().generate("ca:contract-1", EcCurve.P384);
        assertThat(ca.key().publicKey().getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        byte[] der = ca.key().sign("SHA384withECDSA", DATA);
        assertThat(der[0]).as("a DER SEQUENCE").isEqualTo((byte) 0x30);
        assertThat(verifies("SHA384withECDSA", ca.key().publicKey(), der)).isTrue();
    }

    @Test
    void aStoredHandleOpensToTheSameKeyOnAnotherInstanceStartedBeforeTheKeyWasMade() throws Exception {
        KeyCustody other = another();
        KeyCustody.CustodyKey created = custody().generate("tss:contract-2", EcCurve.P256);
        SigningKey opened = other.open("tss:contract-2", created.handle());

        assertThat(opened.publicKey().getEncoded()).isEqualTo(created.key().publicKey().getEncoded());
        assertThat(verifies("SHA256withECDSAinP1363Format", created.key().publicKey(),
                opened.sign("SHA256withECDSAinP1363Format", DATA))).isTrue();
        assertThat(opened.isConsistent()).isTrue();
        assertThat(custody().isOwnHandle(created.handle())).isTrue();
    }

    @Test
    void aHandleOpensOnlyUnderItsOwnKeyId() {
        KeyCustody.CustodyKey created = custody().generate("tss:contract-3", EcCurve.P256);
        assertThatThrownBy(() -> custody().open("tss:contract-4", created.handle()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> custody().open("tss:contract-", created.handle()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void generatingTwiceForOneKeyIdGivesTwoKeysThatBothStayUsable() throws Exception {
        KeyCustody.CustodyKey first = custody().generate("ca:contract-5", EcCurve.P256);
        KeyCustody.CustodyKey second = custody().generate("ca:contract-5", EcCurve.P256);
        assertThat(second.key().publicKey().getEncoded()).isNotEqualTo(first.key().publicKey().getEncoded());
        for (KeyCustody.CustodyKey key : List.of(first, second)) {
            SigningKey opened = another().open("ca:contract-5", key.handle());
            assertThat(verifies("SHA256withECDSAinP1363Format", key.key().publicKey(),
                    opened.sign("SHA256withECDSAinP1363Format", DATA))).isTrue();
            assertThat(opened.isConsistent()).isTrue();
        }
    }

    @Test
    void aHandleWhosePublicKeyWasSwappedFailsTheConsistencyCheck() {
        KeyCustody.CustodyKey a = custody().generate("tss:contract-6", EcCurve.P256);
        KeyCustody.CustodyKey b = custody().generate("tss:contract-6", EcCurve.P256);
        assertThat(custody().open("tss:contract-6", withPublicKeyOf(a.handle(), b.handle())).isConsistent()).isFalse();
    }

    @Test
    void manyThreadsSignWithTheSameKeysAtOnce() throws Exception {
        List<KeyCustody.CustodyKey> keys = List.of(custody().generate("tss:contract-7", EcCurve.P256),
                custody().generate("tss:contract-8", EcCurve.P256));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                KeyCustody.CustodyKey key = keys.get(i % 2);
                SigningKey opened = custody().open(i % 2 == 0 ? "tss:contract-7" : "tss:contract-8", key.handle());
                results.add(threads.submit(() -> verifies("SHA256withECDSAinP1363Format", key.key().publicKey(),
                        opened.sign("SHA256withECDSAinP1363Format", DATA))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void neitherTheKeyNorItsHandleShowsPrivateMaterialWhenPrinted() {
        KeyCustody.CustodyKey created = custody().generate("tss:contract-9", EcCurve.P256);
        assertThat(created.key().toString()).contains("***").doesNotContain("S=").doesNotContain("private value");
    }

    static boolean verifies(String algorithm, PublicKey key, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm, "SunEC");
        verifier.initVerify(key);
        verifier.update(DATA);
        return verifier.verify(signature);
    }
}
