package org.opentss.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentss.config.ConfigLoader;
import org.opentss.config.Pkcs11Settings;
import org.opentss.testing.ServerProcess;
import org.opentss.testing.SoftHsmToken;
import org.opentss.testing.TestServer;

/** The key custody contract on a SoftHSM2 token, and what only a token can promise. */
@Tag(TestServer.EXPLICIT_DATABASE)
class Pkcs11KeyCustodyIT extends KeyCustodyContract {

    private static final SoftHsmToken TOKEN = SoftHsmToken.shared();
    private static final Pkcs11KeyCustody CUSTODY = Pkcs11KeyCustody.connect(TOKEN.settings());

    @Override
    KeyCustody custody() {
        return CUSTODY;
    }

    /** A second login to the token through a provider of its own, as another node or a restarted one has. */
    @Override
    KeyCustody another() {
        return Pkcs11KeyCustody.connect(TOKEN.settings());
    }

    /** Handle: format, alias length, alias, public key. */
    @Override
    byte[] withPublicKeyOf(byte[] target, byte[] source) {
        int targetKey = 2 + Byte.toUnsignedInt(target[1]);
        int sourceKey = 2 + Byte.toUnsignedInt(source[1]);
        return ByteBuffer.allocate(targetKey + source.length - sourceKey).put(target, 0, targetKey)
                .put(source, sourceKey, source.length - sourceKey).array();
    }

    @Test
    void theTokensPrivateKeysCannotBeExportedAndTheHandleHoldsNone() throws Exception {
        KeyCustody.CustodyKey created = CUSTODY.generate("tss:p11-1", EcCurve.P256);
        KeyStore token = tokenKeyStore();
        PrivateKey onToken = token.getKey(alias(created.handle()), null) instanceof PrivateKey key ? key : null;

        assertThat(onToken).as("a token object, found again by a new login").isNotNull();
        assertThat(onToken.getEncoded()).as("no PKCS#8 encoding leaves the token").isNull();
        KeyFactory factory = KeyFactory.getInstance("EC", token.getProvider());
        assertThatThrownBy(() -> factory.getKeySpec(onToken, ECPrivateKeySpec.class))
                .as("the private value cannot be read out").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> factory.getKeySpec(onToken, PKCS8EncodedKeySpec.class)).isInstanceOf(Exception.class);
        assertThat(created.handle().length).as("format, alias and an X.509 public key of 91 bytes")
                .isEqualTo(2 + alias(created.handle()).length() + 91);
    }

    @Test
    void aServerWithAWrongPinDoesNotStartAndSaysWhyWithoutShowingThePin() throws IOException {
        Map<String, String> settings = new HashMap<>(TOKEN.serverSettings());
        settings.put("OPENTSS_PKCS11_PIN", "wrong-pin-7351");
        settings.put("OPENTSS_DATA_DIR", Files.createTempDirectory("opentss-p11-pin").toString());
        try (ServerProcess server = ServerProcess.launch("p11-wrong-pin", settings)) {
            assertThatThrownBy(server::awaitListening).hasMessageContaining("exited with");
            assertThat(server.logText()).contains("cannot log in to the PKCS#11 token in slot " + TOKEN.slot())
                    .doesNotContain("wrong-pin-7351");
        }
    }

    @Test
    void aSlotWithoutATokenIsRefused() {
        Pkcs11Settings noSuchSlot = new Pkcs11Settings(TOKEN.library(), OptionalLong.of(4242), TOKEN.pin());
        assertThatThrownBy(() -> Pkcs11KeyCustody.connect(noSuchSlot)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("4242").hasMessageNotContaining(TOKEN.pin());
    }

    @Test
    void theConfiguredCustodyMakesNewKeysOnTheTokenAndStillOpensEnvelopes() throws Exception {
        MasterKey masterKey = MasterKey.of(new byte[32]);
        KeyCustody.CustodyKey envelopeKey = new EnvelopeKeyCustody(MasterKeyRing.of(masterKey)).generate("ca:root", EcCurve.P384);
        Map<String, String> settings = new HashMap<>(TOKEN.serverSettings());
        settings.put("OPENTSS_DATA_DIR", "unused");
        ConfiguredKeyCustody configured = ConfiguredKeyCustody.of(ConfigLoader.load(Map.of(), settings), MasterKeyRing.of(masterKey));

        KeyCustody.CustodyKey tokenKey = configured.generate("tss:p11-2", EcCurve.P256);
        assertThat(tokenKey.handle()[0]).isEqualTo(Pkcs11KeyCustody.HANDLE_FORMAT);
        assertThat(configured.open("ca:root", envelopeKey.handle()).isConsistent()).isTrue();
        assertThat(configured.open("tss:p11-2", tokenKey.handle()).isConsistent()).isTrue();

        ConfiguredKeyCustody envelopeOnly = ConfiguredKeyCustody.of(ConfigLoader.load(Map.of(),
                Map.of("OPENTSS_DATA_DIR", "unused")), MasterKeyRing.of(masterKey));
        assertThatThrownBy(() -> envelopeOnly.open("tss:p11-2", tokenKey.handle()))
                .hasMessageContaining("OPENTSS_KEY_CUSTODY=pkcs11");
    }

    private static KeyStore tokenKeyStore() throws Exception {
        Provider provider = Security.getProvider("SunPKCS11").configure("--name=opentss-test\nlibrary="
                + TOKEN.library() + "\nslot=" + TOKEN.slot() + "\n");
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        store.load(null, TOKEN.pin().toCharArray());
        return store;
    }

    private static String alias(byte[] handle) {
        return new String(handle, 2, Byte.toUnsignedInt(handle[1]), StandardCharsets.US_ASCII);
    }
}
