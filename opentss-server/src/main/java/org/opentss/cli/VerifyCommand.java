package org.opentss.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opentss.verify.ExportVerificationResult;
import org.opentss.verify.ExportVerifierOptions;
import org.opentss.verify.Profile;
import org.opentss.verify.QrVerificationResult;
import org.opentss.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opentss verify}: the auditors' check of a TAR export or a receipt QR code with the independent
 * verifier (tse-formats.md §11). Exit code 0 when nothing is wrong, 1 when something is, 2 when the
 * input cannot be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a TSE export (TAR) or a receipt QR code independently of the signing code.",
            "Exit code: 0 valid, 1 findings of severity ERROR, 2 unreadable input or usage error."})
public final class VerifyCommand implements Callable<Integer> {

    static final int UNREADABLE = 2;

    @Parameters(arity = "0..1", paramLabel = "EXPORT.tar", description = "The TAR export to verify.")
    Path export;

    @Option(names = "--qr", paramLabel = "'V0;…'", description = "A receipt QR code string to verify; with an "
            + "export, also checks that the export holds the logs it names (Q9).")
    String qr;

    @Option(names = "--trust-anchor", paramLabel = "ROOT.der", description = "The root certificate the chain must end in.")
    Path trustAnchor;

    @Option(names = "--expect-contiguous", description = "Gaps in the signature counters are errors (full exports).")
    boolean expectContiguous;

    @Option(names = "--expect-first-counter", paramLabel = "N", description = "The first signature counter must be N.")
    Long expectFirstCounter;

    @Option(names = "--profile", paramLabel = "opentss|generic",
            description = "Rules beyond the standard: opentss (default for OpenTSS exports) or generic.")
    String profile;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        LogSetup.quiet();
        if (export == null && qr == null) {
            System.err.println("opentss verify: give an EXPORT.tar, a --qr code, or both");
            return UNREADABLE;
        }
        if (export != null && !Files.isReadable(export)) {
            System.err.println("opentss verify: cannot read " + export);
            return UNREADABLE;
        }
        return qr != null ? verifyQr() : verifyExport();
    }

    private int verifyExport() throws IOException {
        ExportVerifierOptions options = ExportVerifierOptions.defaults().withExpectContiguous(expectContiguous);
        if (expectFirstCounter != null) {
            options = options.withExpectFirstCounter(expectFirstCounter);
        }
        if (trustAnchor != null) {
            options = options.withTrustAnchor(Files.readAllBytes(trustAnchor));
        }
        if (profile != null) {
            options = options.withProfile(switch (profile) {
                case "opentss" -> Profile.OPENTSS;
                case "generic" -> Profile.GENERIC;
                default -> throw new IllegalArgumentException("--profile must be opentss or generic");
            });
        }
        ExportVerificationResult result = Verifier.verifyExport(export, options);
        System.out.println(json ? result.toJson() : result.report());
        return result.exitCode();
    }

    private int verifyQr() throws IOException {
        QrVerificationResult result = export == null ? Verifier.verifyQr(qr) : Verifier.verifyQr(qr, export);
        result.findings().forEach(System.out::println);
        String curve = result.curve().map(c -> " (" + c + ")").orElse("");
        System.out.println(result.isValid() ? "VALID: the QR code's signature verifies" + curve
                : "INVALID: " + result.errors().size() + " error(s)");
        return result.isValid() ? 0 : 1;
    }
}
