package org.opentss.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.opentss.crypto.MasterKeySealer;
import org.opentss.store.Database;

/**
 * The ES256 key pairs that sign access and refresh tokens. They live in the database (private keys
 * sealed with the master key), so every node signs and verifies every token. The newest key signs;
 * older keys keep verifying the tokens they signed. A key older than {@link #ROTATION_AGE} is
 * replaced by a new one the next time a token is signed.
 */
public final class TokenSigningKeys {

    static final Duration ROTATION_AGE = Duration.ofDays(30);

    /** A key pair and the id that names it in the JWT header. */
    public record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, long createdAt) {
    }

    private final Jdbi jdbi;
    private final MasterKeySealer sealer;
    private final Clock clock;
    private final Map<String, ECPublicKey> publicKeys = new ConcurrentHashMap<>();
    private volatile SigningKey current;

    public TokenSigningKeys(Database database, MasterKeySealer sealer, Clock clock) {
        this.jdbi = database.jdbi();
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The key that signs new tokens, created or rotated when needed. */
    public SigningKey current() {
        SigningKey key = current;
        long now = clock.instant().getEpochSecond();
        if (key == null || now - key.createdAt() >= ROTATION_AGE.toSeconds()) {
            synchronized (this) {
                key = newest().filter(k -> now - k.createdAt() < ROTATION_AGE.toSeconds()).orElseGet(() -> create(now));
                current = key;
                publicKeys.put(key.kid(), key.publicKey());
            }
        }
        return key;
    }

    /** The public key named {@code kid}, if this installation ever made it. */
    public Optional<ECPublicKey> publicKey(String kid) {
        ECPublicKey cached = publicKeys.get(kid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ECPublicKey> loaded = jdbi.withHandle(h -> h.createQuery(
                        "SELECT public_key FROM token_signing_key WHERE kid = :kid")
                .bind("kid", kid).mapTo(byte[].class).findOne()).map(TokenSigningKeys::decodePublic);
        loaded.ifPresent(k -> publicKeys.put(kid, k));
        return loaded;
    }

    private Optional<SigningKey> newest() {
        return jdbi.withHandle(h -> h.createQuery("SELECT kid, public_key, sealed_private_key, created_at "
                        + "FROM token_signing_key ORDER BY created_at DESC, kid DESC LIMIT 1")
                .map((rs, ctx) -> {
                    String kid = rs.getString("kid");
                    byte[] pkcs8 = sealer.open(rs.getBytes("sealed_private_key"), associatedData(kid));
                    return new SigningKey(kid, decodePrivate(pkcs8), decodePublic(rs.getBytes("public_key")),
                            rs.getLong("created_at"));
                }).findOne());
    }

    private SigningKey create(long now) {
        KeyPair pair = generate();
        String kid = "k" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
                + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO token_signing_key (kid, public_key, sealed_private_key, created_at) "
                        + "VALUES (:kid, :publicKey, :sealed, :createdAt)")
                .bind("kid", kid)
                .bind("publicKey", pair.getPublic().getEncoded())
                .bind("sealed", sealer.seal(pair.getPrivate().getEncoded(), associatedData(kid)))
                .bind("createdAt", now)
                .execute());
        return new SigningKey(kid, (ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic(), now);
    }

    /** What a key's sealed private key is bound to. */
    public static String associatedData(String kid) {
        return "token-signing-key:" + kid;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key generation unavailable", e);
        }
    }

    private static ECPublicKey decodePublic(byte[] encoded) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored token public key is invalid", e);
        }
    }

    private static ECPrivateKey decodePrivate(byte[] encoded) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored token private key is invalid", e);
        }
    }
}
