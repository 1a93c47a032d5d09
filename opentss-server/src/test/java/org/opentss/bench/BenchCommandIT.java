package org.opentss.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opentss.testing.CliRun;
import org.opentss.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A small smoke run of {@code opentss bench} on each database: a real server process, real signing
 * over HTTP, real exports checked by the verifier. The figures themselves are for docs/performance.md;
 * here they only have to be there and make sense.
 */
@Tag(TestServer.EXPLICIT_DATABASE)
class BenchCommandIT {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aShortRunPrintsEveryFigureAndFindsTheInvariantsIntact(String db) {
        CliRun run = CliRun.of("bench", "--db", db, "--duration", "2s", "--warmup", "1s", "--tss", "2",
                "--clients", "4", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json();
        assertThat(result.get("db").asString()).isEqualTo(db);
        assertThat(result.get("tss").asInt()).isEqualTo(2);
        assertThat(result.get("clients").asInt()).isEqualTo(4);
        assertThat(result.get("invariants_ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("errors").asLong()).as(result.toString()).isZero();
        assertThat(result.get("raw_signatures_per_s").asLong()).isPositive();
        // measured before the server started and again right after the window; the ratio divides by their mean
        long before = result.get("raw_signatures_per_s_before").asLong();
        long after = result.get("raw_signatures_per_s_after").asLong();
        assertThat(before).isPositive();
        assertThat(after).isPositive();
        assertThat(result.get("raw_signatures_per_s").asDouble()).isCloseTo((before + after) / 2.0, within(1.0));
        assertThat(result.get("http_signed_logs_per_s").asLong()).isPositive();
        assertThat(result.get("tx_per_s").asLong()).isPositive();
        assertThat(result.get("ratio").asDouble()).isBetween(0.0001, 1.0);
        JsonNode latency = result.get("latency_ms");
        assertThat(latency.get("p50").asDouble()).isPositive()
                .isLessThanOrEqualTo(latency.get("p95").asDouble());
        assertThat(latency.get("p95").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(result.get("export_logs_per_s").asLong()).isPositive();
        // every signed log of the run was exported and verified: at least two per transaction
        assertThat(result.get("exported_logs").asLong())
                .isGreaterThanOrEqualTo(2 * result.get("tx_per_s").asLong());
        assertThat(result.get("peak_heap_mb").asLong()).isBetween(1L, 256L);
        assertThat(result.get("peak_rss_mb").asLong()).isPositive();
        // a signature alone costs a tenth of a millisecond or more; a signed request costs more than that
        assertThat(result.get("server_cpu_ms_per_log").asDouble()).isGreaterThan(0.05);
        if (db.equals("postgresql")) {
            assertThat(result.get("database_cpu_ms_per_log").asDouble()).isPositive();
            // the commits measured are flushed to disk, as in production
            assertThat(run.err()).containsPattern("database: PostgreSQL [0-9.]+, fsync on, synchronous_commit on\n");
        } else {
            assertThat(result.get("database_cpu_ms_per_log").isNull()).isTrue();
        }
    }

    @Test
    void textOutputEndsWithTheSummaryLine() {
        CliRun run = CliRun.of("bench", "--duration", "1s", "--warmup", "0s", "--tss", "1", "--clients", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("bench sqlite 1 TSS x 1 clients, 1 s: ")
                .contains("signed logs/s over HTTP", "ratio", "p99", "export", "invariants OK");
        assertThat(run.out()).containsPattern("raw ECDSA P-256 signatures: +[0-9,]+ /s on [0-9]+ cores \\([0-9,]+ before "
                + "the load, [0-9,]+ after\\)");
        assertThat(run.out()).contains("ratio HTTP / raw:", "request latency:", "server memory:",
                "CPU per signed log:          server ", "database inside the server (SQLite)");
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun run = CliRun.of("bench", "--db", "mysql");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--db must be sqlite or postgresql");
        assertThat(CliRun.of("bench", "--duration", "soon").err()).contains("not a duration: 'soon'");
        assertThat(CliRun.of("bench", "--tss", "8", "--clients", "4").err()).contains("--clients must be between");
    }
}
