package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class EnvelopeKeyCustodyTest {

    private static final byte[] DATA = "data to be signed".getBytes(StandardCharsets.US_ASCII);

    private final EnvelopeKeyCustody custody = new EnvelopeKeyCustody(MasterKey.of(new byte[32]));

    @Test
    void aStoredHandleOpensToTheSameKeyAndSignsPlainRs() throws Exception {
        KeyCustody.CustodyKey created = custody.generate("tss:1", EcCurve.P256);
        SigningKey opened = custody.open("tss:1", created.handle());

        assertThat(opened.publicKey().getEncoded()).isEqualTo(created.key().publicKey().getEncoded());
        byte[] signature = opened.sign("SHA256withECDSAinP1363Format", DATA);
        assertThat(signature).hasSize(64);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(created.key().publicKey());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(opened.isConsistent()).isTrue();
    }

    @Test
    void aHandleOpensOnlyUnderItsOwnNameAndMasterKey() {
        KeyCustody.CustodyKey created = custody.generate("tss:3", EcCurve.P256);
        assertThatThrownBy(() -> custody.open("tss:4", created.handle())).isInstanceOf(IllegalStateException.class);
        byte[] otherMaster = new byte[32];
        otherMaster[0] = 1;
        assertThatThrownBy(() -> new EnvelopeKeyCustody(MasterKey.of(otherMaster)).open("tss:3", created.handle()))
                .isInstanceOf(IllegalStateException.class);
        byte[] tampered = created.handle().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> custody.open("tss:3", tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyWhosePublicPartWasSwappedFailsTheConsistencyCheck() {
        KeyCustody.CustodyKey a = custody.generate("tss:5", EcCurve.P256);
        KeyCustody.CustodyKey b = custody.generate("tss:5", EcCurve.P256);
        // splice b's public key into a's handle: version, wrapped key, then the public key section
        byte[] spliced = spliceFirstPublicKey(a.handle(), b.handle());
        assertThat(custody.open("tss:5", spliced).isConsistent()).isFalse();
    }

    private static byte[] spliceFirstPublicKey(byte[] target, byte[] source) {
        int wrapped = ((target[1] & 0xFF) << 8) | (target[2] & 0xFF);
        int publicOffset = 3 + wrapped + 2;
        int sourceWrapped = ((source[1] & 0xFF) << 8) | (source[2] & 0xFF);
        int sourcePublicOffset = 3 + sourceWrapped + 2;
        int length = ((target[publicOffset - 2] & 0xFF) << 8) | (target[publicOffset - 1] & 0xFF);
        byte[] result = target.clone();
        System.arraycopy(source, sourcePublicOffset, result, publicOffset, length);
        return result;
    }
}
