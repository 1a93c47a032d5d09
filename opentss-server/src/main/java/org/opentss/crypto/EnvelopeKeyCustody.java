package org.opentss.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.function.Function;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Envelope encryption of private keys: each key gets its own random 256-bit data key, which encrypts
 * the PKCS#8 private key with AES-256-GCM; the data key itself is wrapped with a key derived from the
 * master key. Both layers are bound to the key id, so a handle copied to another row does not open.
 * Handle: version 1, wrapped data key length (2 bytes), wrapped data key, X.509 public key length
 * (2 bytes), public key, sealed private key.
 */
public final class EnvelopeKeyCustody implements KeyCustody {

    private static final byte VERSION = 1;
    private static final int DATA_KEY_BYTES = 32;

    private final MasterKeySealer wrapper;
    private final SecureRandom random = new SecureRandom();

    public EnvelopeKeyCustody(MasterKeyRing masterKeys) {
        this.wrapper = masterKeys.sealer("key-custody/data-key-wrap/v1");
    }

    @Override
    public CustodyKey generate(String keyId, EcCurve curve) {
        KeyPair pair = newKeyPair(curve);
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        random.nextBytes(dataKey);
        byte[] wrappedKey = wrapper.seal(dataKey, dataKeyLabel(keyId));
        byte[] sealedPrivate = new Sealer(dataKey).seal(pair.getPrivate().getEncoded(), "private-key:" + keyId);
        Arrays.fill(dataKey, (byte) 0);
        byte[] publicKey = pair.getPublic().getEncoded();
        byte[] handle = new Envelope(wrappedKey, publicKey, sealedPrivate).handle();
        return new CustodyKey(new EnvelopeKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic()), handle);
    }

    @Override
    public SigningKey open(String keyId, byte[] handle) {
        Envelope envelope = Envelope.parse(keyId, handle);
        byte[] dataKey = wrapper.open(envelope.wrappedKey(), dataKeyLabel(keyId));
        byte[] pkcs8 = new Sealer(dataKey).open(envelope.sealedPrivate(), "private-key:" + keyId);
        Arrays.fill(dataKey, (byte) 0);
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            ECPublicKey ecPublic = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(envelope.publicKey()));
            return new EnvelopeKey(privateKey, ecPublic);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key handle of " + keyId + " holds an invalid key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public boolean isOwnHandle(byte[] handle) {
        return handle.length > 0 && handle[0] == VERSION;
    }

    /**
     * How a column of key handles is resealed: envelope handles get their data key wrapped under the current
     * master key, the private key's own envelope stays as it is; other custodies' handles are left alone.
     *
     * @param keyId the key id of a row's key, from the row's key
     */
    public SealedColumn.Resealer handleResealer(Function<String, String> keyId) {
        return new SealedColumn.Resealer() {
            @Override
            public boolean applies(byte[] handle) {
                return isOwnHandle(handle);
            }

            @Override
            public boolean isUnderCurrentKey(String rowKey, byte[] handle) {
                String id = keyId.apply(rowKey);
                return wrapper.isUnderCurrentKey(Envelope.parse(id, handle).wrappedKey(), dataKeyLabel(id));
            }

            @Override
            public byte[] resealedUnderCurrentKey(String rowKey, byte[] handle) {
                String id = keyId.apply(rowKey);
                Envelope envelope = Envelope.parse(id, handle);
                byte[] rewrapped = wrapper.resealedUnderCurrentKey(envelope.wrappedKey(), dataKeyLabel(id));
                return new Envelope(rewrapped, envelope.publicKey(), envelope.sealedPrivate()).handle();
            }
        };
    }

    private static String dataKeyLabel(String keyId) {
        return "data-key:" + keyId;
    }

    /** A handle's parts. */
    private record Envelope(byte[] wrappedKey, byte[] publicKey, byte[] sealedPrivate) {

        static Envelope parse(String keyId, byte[] handle) {
            ByteBuffer in = ByteBuffer.wrap(handle);
            if (in.get() != VERSION) {
                throw new IllegalStateException("key handle of " + keyId + " has an unknown format");
            }
            byte[] wrappedKey = new byte[in.getShort()];
            in.get(wrappedKey);
            byte[] publicKey = new byte[in.getShort()];
            in.get(publicKey);
            byte[] sealedPrivate = new byte[in.remaining()];
            in.get(sealedPrivate);
            return new Envelope(wrappedKey, publicKey, sealedPrivate);
        }

        byte[] handle() {
            return ByteBuffer.allocate(1 + 2 + wrappedKey.length + 2 + publicKey.length + sealedPrivate.length)
                    .put(VERSION)
                    .putShort((short) wrappedKey.length).put(wrappedKey)
                    .putShort((short) publicKey.length).put(publicKey)
                    .put(sealedPrivate)
                    .array();
        }
    }

    private static KeyPair newKeyPair(EcCurve curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve.jcaName()));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(curve.jcaName() + " key generation unavailable", e);
        }
    }

    /** A key opened from its envelope; signs through the JDK's SunEC provider. */
    private record EnvelopeKey(ECPrivateKey privateKey, ECPublicKey publicKey) implements SigningKey {

        @Override
        public byte[] sign(String jcaAlgorithm, byte[] data) {
            try {
                Signature signature = Signature.getInstance(jcaAlgorithm);
                signature.initSign(privateKey);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing with " + jcaAlgorithm + " failed", e);
            }
        }

        /** Recomputes Q = d·G and compares it with the stored public point. */
        @Override
        public boolean isConsistent() {
            String curveName = EcPoints.curveName(publicKey);
            X9ECParameters curve = ECNamedCurveTable.getByName(curveName);
            ECPoint q = curve.getG().multiply(privateKey.getS()).normalize();
            return q.getAffineXCoord().toBigInteger().equals(publicKey.getW().getAffineX())
                    && q.getAffineYCoord().toBigInteger().equals(publicKey.getW().getAffineY());
        }

        @Override
        public String toString() {
            return "SigningKey[" + publicKey.getParams().getCurve().getField().getFieldSize() + " bit, private ***]";
        }
    }
}
