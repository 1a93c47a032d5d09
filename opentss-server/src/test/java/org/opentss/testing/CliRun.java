package org.opentss.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.opentss.Main;
import org.opentss.http.Json;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** One run of the {@code opentss} command line in this JVM, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    /**
     * Runs the CLI with standard output and error captured; one run at a time. Commands quiet the root
     * logger for their process; in this shared test JVM its level is put back afterwards, so the tests that
     * follow still log.
     */
    public static synchronized CliRun of(String... args) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
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
            root.setLevel(rootLevel);
        }
    }

    public JsonNode json() {
        return Json.MAPPER.readTree(out);
    }
}
