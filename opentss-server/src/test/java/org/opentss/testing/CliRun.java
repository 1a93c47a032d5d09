package org.opentss.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.opentss.Main;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;

/** One run of the {@code opentss} command line in this JVM, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    /** Runs the CLI with standard output and error captured; one run at a time. */
    public static synchronized CliRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new CliRun(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    public JsonNode json() {
        return Json.MAPPER.readTree(out);
    }
}
