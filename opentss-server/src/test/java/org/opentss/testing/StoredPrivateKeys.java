package org.opentss.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.opentss.crypto.InstanceCa;
import org.opentss.crypto.MasterKey;
import org.opentss.crypto.Sealer;
import org.opentss.identity.TokenSigningKeys;
import org.opentss.journal.JournalTss;
import org.opentss.store.Database;

/**
 * The private keys a server keeps in its database — TSS and CA keys in their envelopes, the token signing
 * keys sealed — decoded with the master key by the test itself, as an attacker holding both would: the
 * values that must appear nowhere in clear.
 */
public final class StoredPrivateKeys {

    private StoredPrivateKeys() {
    }

    public static List<ECPrivateKey> read(Database database, MasterKey masterKey) {
        Sealer dataKeyWrap = new Sealer(masterKey.derive("key-custody/data-key-wrap/v1"));
        Sealer tokenKeys = new Sealer(masterKey.derive("token-signing-keys/v1"));
        return database.jdbi().withHandle(h -> {
            List<ECPrivateKey> keys = new ArrayList<>();
            h.createQuery("SELECT id, key_handle FROM tss").map((rs, ctx) -> fromEnvelope(dataKeyWrap,
                    JournalTss.keyId(rs.getString("id")), rs.getBytes("key_handle"))).forEach(keys::add);
            h.createQuery("SELECT kind, key_handle FROM ca_certificate").map((rs, ctx) -> fromEnvelope(dataKeyWrap,
                    InstanceCa.keyId(rs.getString("kind")), rs.getBytes("key_handle"))).forEach(keys::add);
            h.createQuery("SELECT kid, sealed_private_key FROM token_signing_key").map((rs, ctx) -> decode(
                    tokenKeys.open(rs.getBytes("sealed_private_key"), TokenSigningKeys.associatedData(rs.getString("kid")))))
                    .forEach(keys::add);
            return keys;
        });
    }

    /** Envelope: version, data key wrapped under the master key, public key, private key sealed under the data key. */
    private static ECPrivateKey fromEnvelope(Sealer dataKeyWrap, String keyId, byte[] handle) {
        ByteBuffer in = ByteBuffer.wrap(handle);
        in.get();
        byte[] wrapped = new byte[in.getShort()];
        in.get(wrapped);
        int publicKeyLength = in.getShort();
        in.position(in.position() + publicKeyLength);
        byte[] sealedPrivate = new byte[in.remaining()];
        in.get(sealedPrivate);
        byte[] dataKey = dataKeyWrap.open(wrapped, "data-key:" + keyId);
        return decode(new Sealer(dataKey).open(sealedPrivate, "private-key:" + keyId));
    }

    private static ECPrivateKey decode(byte[] pkcs8) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored private key does not decode", e);
        }
    }
}
