package org.opentss.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;

/**
 * {@code /metrics} shows how signing requests went through group commit: how long each waited for its
 * group, how many requests each group held, how long each group took. An operator reads the queue a busy
 * node builds from them (docs/operations.md, Monitoring).
 */
class CommitGroupMetricsIT {

    @Test
    void everySigningRequestIsCountedOnceAndEveryGroupOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            String token = server.accessToken(server.createApiKey(server.createOrganization("Metrics").id(),
                    Environment.TEST));
            ProvisionedTss tss = ProvisionedTss.provision(server, token, 1);
            Metrics before = Metrics.read(server);

            for (int i = 0; i < 5; i++) {
                assertThat(start(server, token, tss).status()).isEqualTo(200);
            }
            Metrics afterOneByOne = Metrics.read(server);
            // one after another: each request is a group of its own
            assertThat(afterOneByOne.waited - before.waited).isEqualTo(5);
            assertThat(afterOneByOne.groupedRequests - before.groupedRequests).isEqualTo(5);
            assertThat(afterOneByOne.groups - before.groups).isEqualTo(5);
            assertThat(afterOneByOne.timedGroups - before.timedGroups).isEqualTo(5);

            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<HttpResult>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> start(server, token, tss)));
                }
                for (Future<HttpResult> answer : answers) {
                    assertThat(answer.get().status()).isEqualTo(200);
                }
            }
            Metrics afterAtOnce = Metrics.read(server);
            // at once: every request counted once, in however many groups they came to share
            assertThat(afterAtOnce.waited - afterOneByOne.waited).isEqualTo(8);
            assertThat(afterAtOnce.groupedRequests - afterOneByOne.groupedRequests).isEqualTo(8);
            assertThat(afterAtOnce.groups - afterOneByOne.groups).isBetween(1L, 8L);
            assertThat(afterAtOnce.timedGroups - afterOneByOne.timedGroups)
                    .isEqualTo(afterAtOnce.groups - afterOneByOne.groups);
        }
    }

    private static HttpResult start(TestServer server, String token, ProvisionedTss tss) {
        return server.put("/api/v2/tss/" + tss.tssId() + "/tx/" + UUID.randomUUID() + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token);
    }

    /** The group commit series of one scrape of {@code /metrics}. */
    private record Metrics(long waited, long groupedRequests, long groups, long timedGroups) {

        static Metrics read(TestServer server) {
            HttpResult scrape = server.get("/metrics", null);
            assertThat(scrape.status()).isEqualTo(200);
            String text = scrape.body();
            assertThat(text).contains("opentss_commit_group_wait_seconds_bucket")
                    .contains("opentss_commit_group_duration_seconds_bucket");
            return new Metrics(value(text, "opentss_commit_group_wait_seconds_count"),
                    value(text, "opentss_commit_group_size_sum"), value(text, "opentss_commit_group_size_count"),
                    value(text, "opentss_commit_group_duration_seconds_count"));
        }

        private static long value(String text, String series) {
            Matcher line = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
            assertThat(line.find()).as(series).isTrue();
            return (long) Double.parseDouble(line.group(1));
        }
    }
}
