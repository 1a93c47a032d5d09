package org.opentss.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.opentss.journal.LogStore;
import org.opentss.journal.StoredLog;

/**
 * Which logs an export contains (tse-formats.md §9.2, sign-de-v2.md §10.2), streamed in counter order and
 * never beyond the high-water mark. Every selection but {@code client_id} and {@code transaction_number}
 * is one contiguous counter range; those two add the system logs inside their transactions' spans.
 */
final class ExportSelection {

    private final LogStore logs;

    ExportSelection(LogStore logs) {
        this.logs = logs;
    }

    /**
     * @param clientSerial the serial number of {@code client_id}, if that filter is set
     */
    void forEach(String tssId, ExportParameters p, long highWaterMark, Optional<String> clientSerial,
            Consumer<StoredLog> sink) {
        if (clientSerial.isPresent()) {
            List<long[]> spans = merge(logs.clientTransactionSpans(tssId, clientSerial.get(), highWaterMark));
            if (spans.isEmpty()) {
                return;
            }
            SpanCursor inSpans = new SpanCursor(spans);
            logs.forEachInRange(tssId, spans.getFirst()[0], spans.getLast()[1], log -> {
                if (log.kind() == StoredLog.Kind.TRANSACTION ? clientSerial.get().equals(log.clientSerial())
                        : inSpans.contains(log.signatureCounter())) {
                    sink.accept(log);
                }
            });
        } else if (p.transactionNumber().isPresent()) {
            long number = p.transactionNumber().getAsLong();
            logs.transactionSpan(tssId, number, number, highWaterMark).ifPresent(span ->
                    logs.forEachInRange(tssId, span[0], span[1], log -> {
                        if (log.kind() == StoredLog.Kind.SYSTEM || log.transactionNumber() == number) {
                            sink.accept(log);
                        }
                    }));
        } else if (p.startTransactionNumber().isPresent() || p.endTransactionNumber().isPresent()) {
            logs.transactionSpan(tssId, p.startTransactionNumber().orElse(0),
                            p.endTransactionNumber().orElse(Long.MAX_VALUE), highWaterMark)
                    .ifPresent(span -> logs.forEachInRange(tssId, span[0], span[1], sink));
        } else if (p.startDate().isPresent() || p.endDate().isPresent()) {
            long from = p.startDate().orElse(0);
            long to = p.endDate().orElse(Long.MAX_VALUE);
            logs.timeSpan(tssId, from, to, highWaterMark).ifPresent(span ->
                    logs.forEachInRange(tssId, span[0], span[1], log -> {
                        if (log.logTime() >= from && log.logTime() <= to) {
                            sink.accept(log);
                        }
                    }));
        } else {
            logs.forEachInRange(tssId, p.firstCounter(), p.lastCounter(highWaterMark), sink);
        }
    }

    /** Overlapping or touching spans (ordered by start) merged into disjoint ones. */
    private static List<long[]> merge(List<long[]> spans) {
        List<long[]> merged = new ArrayList<>();
        for (long[] span : spans) {
            if (!merged.isEmpty() && span[0] <= merged.getLast()[1] + 1) {
                merged.getLast()[1] = Math.max(merged.getLast()[1], span[1]);
            } else {
                merged.add(span.clone());
            }
        }
        return merged;
    }

    /** Answers "is this counter in a span" for ascending counters in one forward pass. */
    private static final class SpanCursor {
        private final List<long[]> spans;
        private int index;

        SpanCursor(List<long[]> spans) {
            this.spans = spans;
        }

        boolean contains(long counter) {
            while (index < spans.size() && spans.get(index)[1] < counter) {
                index++;
            }
            return index < spans.size() && spans.get(index)[0] <= counter;
        }
    }
}
