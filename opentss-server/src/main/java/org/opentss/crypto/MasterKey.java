package org.opentss.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.opentss.config.AppConfig;
import org.opentss.config.MasterKeyText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance master key: the root of every secret OpenTSS keeps at rest. Other keys are derived
 * from it by purpose ({@link #derive}) so that one key never serves two uses. It comes from
 * {@code OPENTSS_MASTER_KEY}, {@code OPENTSS_MASTER_KEY_FILE}, or a file in the data directory that is
 * generated on first start.
 */
public final class MasterKey {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE_NAME = "master.key";

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key.clone();
    }

    public static MasterKey of(byte[] key) {
        if (key.length != MasterKeyText.KEY_BYTES) {
            throw new IllegalArgumentException("a master key must be 32 bytes");
        }
        return new MasterKey(key);
    }

    public static MasterKey load(AppConfig config) {
        if (config.masterKey().isPresent()) {
            return of(MasterKeyText.decode(config.masterKey().get()));
        }
        if (config.masterKeyFile().isPresent()) {
            return readFile(config.masterKeyFile().get(), "OPENTSS_MASTER_KEY_FILE");
        }
        return loadOrCreateInDataDir(config.dataDir());
    }

    /** The key a rotation moves away from ({@code OPENTSS_MASTER_KEY_PREVIOUS} or its file), if set. */
    public static Optional<MasterKey> loadPrevious(AppConfig config) {
        if (config.masterKeyPrevious().isPresent()) {
            return Optional.of(of(MasterKeyText.decode(config.masterKeyPrevious().get())));
        }
        return config.masterKeyPreviousFile().map(file -> readFile(file, "OPENTSS_MASTER_KEY_PREVIOUS_FILE"));
    }

    private static MasterKey loadOrCreateInDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return readFile(file, "master key file");
        }
        byte[] key = new byte[MasterKeyText.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, MasterKeyText.encode(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            return readFile(file, "master key file"); // another process of this instance created it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key file " + file, e);
        }
        LOG.warn("GENERATED A NEW MASTER KEY at {} — BACK IT UP NOW. Without this file every key and secret "
                + "OpenTSS stores becomes unusable. For several nodes or production, set OPENTSS_MASTER_KEY_FILE "
                + "to a copy of it on every node.", file.toAbsolutePath());
        return of(key);
    }

    private static MasterKey readFile(Path file, String what) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!MasterKeyText.isValid(text)) {
                throw new IllegalStateException(what + " " + file + " does not hold 32 bytes in Base64");
            }
            return of(MasterKeyText.decode(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }

    /** A 32-byte key for one purpose, derived with HMAC-SHA-256 (a one-step KDF). */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("opentss/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * A value that identifies this key without revealing it; stored in the database so that a node
     * started with a different master key refuses to run instead of failing on every secret.
     */
    public String checkValue() {
        return HexFormat.of().formatHex(derive("key-check/v1"), 0, 16);
    }

    @Override
    public String toString() {
        return "MasterKey[***]";
    }
}
