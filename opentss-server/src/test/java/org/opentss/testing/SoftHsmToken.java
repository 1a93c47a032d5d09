package org.opentss.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentss.config.Pkcs11Settings;

/**
 * A SoftHSM2 token for the tests of the PKCS#11 key custody: one per test JVM, initialised in the directory
 * that {@code SOFTHSM2_CONF} (set by the failsafe plugin) points into, before the PKCS#11 module is loaded.
 * SoftHSM2 reads its token directory when the module is initialised, so a token made later would not be seen.
 */
public record SoftHsmToken(Path library, long slot, String pin) {

    public static final String USER_PIN = "246810";
    private static final String SO_PIN = "13579111";
    private static final List<Path> LIBRARIES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private static SoftHsmToken shared;

    /** The token of this JVM, initialised on first use. */
    public static synchronized SoftHsmToken shared() {
        if (shared == null) {
            shared = initialise("opentss-" + ProcessHandle.current().pid());
        }
        return shared;
    }

    /** The settings of a server that keeps its keys on this token. */
    public Map<String, String> serverSettings() {
        return Map.of("OPENTSS_KEY_CUSTODY", "pkcs11", "OPENTSS_PKCS11_LIBRARY", library.toString(),
                "OPENTSS_PKCS11_SLOT", Long.toString(slot), "OPENTSS_PKCS11_PIN", pin);
    }

    public Pkcs11Settings settings() {
        return new Pkcs11Settings(library, OptionalLong.of(slot), pin);
    }

    private static SoftHsmToken initialise(String label) {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven "
                    + "(./mvnw verify), whose failsafe plugin sets it");
        }
        Path library = LIBRARIES.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("SoftHSM2 is not installed (apt-get install softhsm2; .ci/run does it): "
                        + "none of " + LIBRARIES));
        try {
            Path confFile = Path.of(conf);
            Path tokens = confFile.resolveSibling("tokens");
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\n", StandardCharsets.US_ASCII);
            Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                    "--pin", USER_PIN, "--so-pin", SO_PIN).redirectErrorStream(true).start();
            String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
            }
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util did not say the token's slot: " + output);
            }
            return new SoftHsmToken(library, Long.parseLong(slot.group(1)), USER_PIN);
        } catch (IOException e) {
            throw new IllegalStateException("cannot initialise a SoftHSM2 token (is softhsm2-util installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while initialising a SoftHSM2 token", e);
        }
    }
}
