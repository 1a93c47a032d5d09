package org.opentss.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static final WarmUp.UntilCompiled SHORT = new WarmUp.UntilCompiled(Duration.ofMillis(200),
            Duration.ofMillis(900), Duration.ofMillis(100), Duration.ofMillis(400));

    @Test
    void autoIsTheDefaultWordAndAnythingElseADuration() {
        assertThat(WarmUp.parse("auto")).isInstanceOf(WarmUp.UntilCompiled.class);
        assertThat(WarmUp.parse("auto").text()).isEqualTo("auto");
        assertThat(WarmUp.parse("45s")).isEqualTo(new WarmUp.Fixed(Duration.ofSeconds(45)));
        assertThat(WarmUp.parse("0s").text()).isEqualTo("0 s");
        assertThatThrownBy(() -> WarmUp.parse("2h")).hasMessageContaining("--warmup must be auto or between 0s and 1h");
        assertThatThrownBy(() -> WarmUp.parse("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void aQuietCompilerEndsTheWarmUpAfterTheMinimum() throws InterruptedException {
        Duration waited = SHORT.await(() -> 5_000); // the compiler's CPU time does not grow
        assertThat(waited).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
    }

    @Test
    void aBusyCompilerKeepsItGoingUntilItSettlesOrTheMaximum() throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        Duration busy = SHORT.await(() -> cpu.addAndGet(50)); // 50 ms of compiler CPU between any two readings
        assertThat(busy).isGreaterThanOrEqualTo(Duration.ofMillis(900));

        AtomicLong reads = new AtomicLong();
        Duration settling = SHORT.await(() -> reads.incrementAndGet() < 6 ? reads.get() * 50 : 300);
        assertThat(settling).isBetween(Duration.ofMillis(300), Duration.ofMillis(899));
    }

    @Test
    void withoutTheCompilersCpuTimeItWaitsTheFixedFallback() throws InterruptedException {
        assertThat(SHORT.await(() -> -1)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void compilerThreadsAreFoundByNameInProcStat() {
        String c2 = "4711 (C2 CompilerThre) S 4700 4700 0 0 -1 1077936192 1 0 0 0 1234 56 0 0 20 0 30 0 9 0 0";
        String worker = "4712 (ForkJoinPool-1-) S 4700 4700 0 0 -1 1077936192 1 0 0 0 999 1 0 0 20 0 30 0 9 0 0";
        String odd = "4713 (a) b (C2 x) R 4700 4700 0 0 -1 1077936192 1 0 0 0 7 8 0 0 20 0 30 0 9 0 0";
        assertThat(BenchServer.isCompilerThread(c2)).isTrue();
        assertThat(BenchServer.isCompilerThread("4714 (C1 CompilerThre) S 1")).isTrue();
        assertThat(BenchServer.isCompilerThread(worker)).isFalse();
        assertThat(BenchServer.cpuTicks(c2)).isEqualTo(1234 + 56);
        assertThat(BenchServer.cpuTicks(odd)).isEqualTo(7 + 8);
    }
}
