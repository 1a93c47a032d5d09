package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvelopeKeyCustodyTest extends KeyCustodyContract {

    private static final MasterKey MASTER_KEY = MasterKey.of(new byte[32]);

    private final EnvelopeKeyCustody custody = new EnvelopeKeyCustody(MasterKeyRing.of(MASTER_KEY));

    @Override
    KeyCustody custody() {
        return custody;
    }

    @Override
    KeyCustody another() {
        return new EnvelopeKeyCustody(MasterKeyRing.of(MASTER_KEY));
    }

    /** Handle: version, wrapped data key (length-prefixed), then the public key (length-prefixed). */
    @Override
    byte[] withPublicKeyOf(byte[] target, byte[] source) {
        int publicOffset = 3 + (((target[1] & 0xFF) << 8) | (target[2] & 0xFF)) + 2;
        int sourcePublicOffset = 3 + (((source[1] & 0xFF) << 8) | (source[2] & 0xFF)) + 2;
        int length = ((target[publicOffset - 2] & 0xFF) << 8) | (target[publicOffset - 1] & 0xFF);
        byte[] result = target.clone();
        System.arraycopy(source, sourcePublicOffset, result, publicOffset, length);
        return result;
    }

    @Test
    void aHandleOpensOnlyWithItsMasterKeyAndUntampered() {
        KeyCustody.CustodyKey created = custody.generate("tss:3", EcCurve.P256);
        byte[] otherMaster = new byte[32];
        otherMaster[0] = 1;
        assertThatThrownBy(() -> new EnvelopeKeyCustody(MasterKeyRing.of(MasterKey.of(otherMaster))).open("tss:3", created.handle()))
                .isInstanceOf(IllegalStateException.class);
        byte[] tampered = created.handle().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> custody.open("tss:3", tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPkcs11HandleIsNotItsOwn() {
        KeyCustody.CustodyKey created = custody.generate("tss:10", EcCurve.P256);
        byte[] foreign = created.handle().clone();
        foreign[0] = Pkcs11KeyCustody.HANDLE_FORMAT;
        assertThat(custody.isOwnHandle(foreign)).isFalse();
        assertThatThrownBy(() -> custody.open("tss:10", foreign)).isInstanceOf(IllegalStateException.class);
    }
}
