package org.opentss.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentss.Main;

/**
 * {@code opentss serve} in its own JVM, as an operator runs it: configured only through {@code OPENTSS_*}
 * environment variables, on a free loopback port, logging to a file under {@code target/server-processes}
 * (a file, not a pipe: the log must survive the process, and a pipe nobody drains would block it).
 * Several of them on one PostgreSQL database are the nodes of a cluster; they must share one master key.
 *
 * <p>{@link #kill()} is SIGKILL (a crash: no shutdown hook runs), {@link #stop()} is SIGTERM (the
 * graceful shutdown). {@link #close()} stops the process if it still runs.
 */
public final class ServerProcess implements HttpApi, AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (https?)://[^:\\s]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path LOG_DIR = Path.of("target", "server-processes");
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final String name;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String scheme = "http";
    private volatile int port = -1;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** A fresh master key, as {@code openssl rand -base64 32} makes one. */
    public static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Starts a server and waits until it listens. */
    public static ServerProcess start(String name, Map<String, String> environment) {
        return launch(name, environment).awaitListening();
    }

    /**
     * Starts a server process without waiting for it, so that several can boot at once; call
     * {@link #awaitListening()} before using it.
     *
     * @param environment {@code OPENTSS_*} settings; {@code OPENTSS_HOST} defaults to 127.0.0.1, the port is
     *     always a free one, and no {@code OPENTSS_*} variable of the test's own environment leaks in
     */
    public static ServerProcess launch(String name, Map<String, String> environment) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0");
        builder.environment().keySet().removeIf(key -> key.startsWith("OPENTSS_"));
        builder.environment().put("OPENTSS_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve(name + "-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet()
                    + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new ServerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process " + name, e);
        }
    }

    /** Waits until the server logs the line that it listens, and reads its scheme and port from it. */
    public ServerProcess awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = LISTENING.matcher(logText());
            if (m.find()) {
                scheme = m.group(1);
                port = Integer.parseInt(m.group(2));
                return this;
            }
            sleep(50);
        }
        boolean exited = !process.isAlive();
        process.destroyForcibly();
        throw new AssertionError("server " + name + (exited ? " exited with " + process.exitValue() : " did not start within "
                + START_TIMEOUT) + "; its log " + log + ":\n" + logText());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("server " + name + " is not listening yet; call awaitListening()");
        }
        return port;
    }

    /** The server's loopback address and port, with {@code https://} when it listens on TLS. */
    public URI baseUri() {
        return URI.create(scheme + "://127.0.0.1:" + port());
    }

    @Override
    public URI uri(String path) {
        return URI.create(baseUri() + path);
    }

    /** Sends the request; a connection that fails (the server is gone) is an {@link UncheckedIOException}. */
    @Override
    public HttpResult send(HttpRequest.Builder request) {
        return HttpResult.exchange(http, request.build());
    }

    public Path log() {
        return log;
    }

    /** Everything the server has logged so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as a crash or the OOM killer ends a process: no shutdown hook, no flush. Waits for the exit. */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the graceful shutdown. Waits for the exit (30 s at most) and returns the exit code. */
    public int stop() {
        process.destroy(); // SIGTERM on Linux
        return awaitExit(Duration.ofSeconds(30));
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("server " + name + " did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }

    /** Closes the servers together: all get SIGTERM first, so their graceful shutdowns overlap. */
    public static void closeAll(Collection<ServerProcess> servers) {
        List<ServerProcess> running = new ArrayList<>(servers);
        running.forEach(s -> s.process.destroy());
        running.forEach(ServerProcess::close);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + (port < 0 ? "" : " on port " + port) + " (pid " + process.pid() + ")";
    }
}
