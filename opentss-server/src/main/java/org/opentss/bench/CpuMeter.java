package org.opentss.bench;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time (user and system) that some processes spent between two readings: what one signed log costs
 * the server, or the database, independent of how fast the machine happened to be during the run.
 */
final class CpuMeter {

    private final Supplier<Stream<ProcessHandle>> processes;
    private long atStart = -1;
    private long atEnd = -1;

    private CpuMeter(Supplier<Stream<ProcessHandle>> processes) {
        this.processes = processes;
    }

    static CpuMeter of(ProcessHandle process) {
        return new CpuMeter(() -> Stream.of(process));
    }

    /** A server and every process it started by the time of each reading (PostgreSQL's backends). */
    static CpuMeter withDescendants(ProcessHandle process) {
        return new CpuMeter(() -> Stream.concat(Stream.of(process), process.descendants()));
    }

    void start() {
        atStart = cpuNanos();
    }

    void end() {
        atEnd = cpuNanos();
    }

    /** Milliseconds of CPU per item, -1 if the system does not tell the processes' CPU time. */
    double millisPer(long items) {
        if (atStart < 0 || atEnd < 0 || items <= 0) {
            return -1;
        }
        return (atEnd - atStart) / 1e6 / items;
    }

    private long cpuNanos() {
        long sum = 0;
        for (ProcessHandle process : processes.get().toList()) {
            Duration cpu = process.info().totalCpuDuration().orElse(null);
            if (cpu == null) {
                return -1;
            }
            sum += cpu.toNanos();
        }
        return sum;
    }
}
