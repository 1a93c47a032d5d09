package org.opentss;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opentss serve} as its own process: starts, answers, and stops cleanly on SIGTERM. */
class ServeProcessIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void servesAndShutsDownGracefullyOnSigterm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--data-dir", dataDir.toString());
        builder.environment().put("OPENTSS_HOST", "127.0.0.1");
        // a file, not a pipe: the log must survive the process's exit intact
        Path log = dataDir.resolve("serve.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        int port = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (port < 0 && System.nanoTime() < deadline && process.isAlive()) {
                Matcher m = LISTENING.matcher(Files.readString(log));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                Thread.sleep(50);
            }
            assertThat(port).as("server start-up log: %s", Files.readString(log)).isPositive();

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(Files.readString(log)).contains("shutting down").contains("OpenTSS stopped");
        } finally {
            process.destroyForcibly();
        }
    }
}
