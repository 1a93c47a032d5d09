package org.opentss.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test: {@code opentss serve} in its own JVM with a capped heap, as production runs it,
 * so that the load generator's allocations and GC pauses do not count against the server. Its GC log
 * gives the peak heap (the occupancy just before each collection), {@code /proc} its peak RSS.
 */
final class BenchServer implements AutoCloseable {

    /** G1's unified GC log line: {@code … Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 3.2ms}. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Linux reports thread CPU in USER_HZ ticks, 100 per second on every architecture it runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final URI baseUrl;
    private final Path gcLog;
    private final Path output;

    private BenchServer(Process process, URI baseUrl, Path gcLog, Path output) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.gcLog = gcLog;
        this.output = output;
    }

    /**
     * Starts {@code serve} on a free loopback port with the given {@code OPENTSS_*} settings and waits
     * until it is ready.
     *
     * @param jfr where to write a Flight Recorder profile of the whole run, if wanted
     */
    static BenchServer start(Path workDir, Map<String, String> settings, String maxHeap, Optional<Path> jfr)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path gcLog = workDir.resolve("server-gc.log");
        Path output = workDir.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString()),
                "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog, "--enable-native-access=ALL-UNNAMED"));
        // Jdbi's per-statement event formats every statement's parameters: it would cost more than the statements
        jfr.ifPresent(file -> command.add("-XX:StartFlightRecording=filename=" + file
                + ",settings=profile,+jdbi.statement#enabled=false"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.opentss.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(settings);
        builder.environment().put("OPENTSS_HOST", "127.0.0.1");
        builder.environment().put("OPENTSS_PORT", Integer.toString(port));
        BenchServer server = new BenchServer(builder.start(), URI.create("http://127.0.0.1:" + port), gcLog, output);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with code " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(baseUrl.resolve("/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("the server was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    URI baseUrl() {
        return baseUrl;
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** The largest resident set the server process had so far ({@code VmHWM}), in bytes. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU time the server's JIT compiler threads have used so far, in milliseconds; -1 where {@code /proc}
     * does not tell. Threads the JVM has ended meanwhile no longer count, so read it over short windows.
     */
    long compilerCpuMillis() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = 0;
            for (Path thread : threads.toList()) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    if (isCompilerThread(stat)) {
                        ticks += cpuTicks(stat);
                    }
                } catch (IOException ended) {
                    // the thread ended while we looked
                }
            }
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether a {@code /proc/…/stat} line is of a HotSpot compiler thread ("C2 CompilerThre", "C1 …"). */
    static boolean isCompilerThread(String stat) {
        int open = stat.indexOf('(');
        return open >= 0 && stat.startsWith("CompilerThre", open + 4) && stat.charAt(open + 1) == 'C';
    }

    /** User plus system time from a {@code /proc/…/stat} line; the name before may hold spaces and ')'. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15 of stat
    }

    /** The largest heap occupancy the GC log shows: what was in use when a collection started, in MiB. */
    long peakHeapMiB() {
        try {
            long peak = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
            return peak;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's GC log " + gcLog, e);
        }
    }

    /** The last lines the server printed, for a failure report. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no server output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
