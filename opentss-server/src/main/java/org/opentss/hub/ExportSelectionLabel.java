package org.opentss.hub;

import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.opentss.export.ExportParameters;

/**
 * Which logs an export holds, in a few words (sign-de-v2.md §10.2), so that two exports of one TSS can be
 * told apart in the list, whether the HUB or the TSS API started them.
 */
final class ExportSelectionLabel {

    private ExportSelectionLabel() {
    }

    static String of(ExportParameters p) {
        String selection;
        if (p.clientId().isPresent()) {
            selection = "Client " + p.clientId().get();
        } else if (p.transactionNumber().isPresent()) {
            selection = "Transaction " + p.transactionNumber().getAsLong();
        } else if (p.startTransactionNumber().isPresent() || p.endTransactionNumber().isPresent()) {
            selection = range("Transactions", p.startTransactionNumber(), p.endTransactionNumber(), Long::toString);
        } else if (p.startDate().isPresent() || p.endDate().isPresent()) {
            selection = range("Log times", p.startDate(), p.endDate(), Html::time);
        } else if (p.startSignatureCounter().isPresent() || p.endSignatureCounter().isPresent()) {
            selection = range("Signature counters", p.startSignatureCounter(), p.endSignatureCounter(), Long::toString);
        } else {
            selection = "All log messages";
        }
        return p.maximumNumberRecords() == ExportParameters.MAX_RECORDS ? selection
                : selection + ", at most " + p.maximumNumberRecords();
    }

    /** An open end is left out: "from 5", "up to 9". */
    private static String range(String what, OptionalLong start, OptionalLong end, LongFunction<String> format) {
        if (start.isPresent() && end.isPresent()) {
            return what + " " + format.apply(start.getAsLong()) + " – " + format.apply(end.getAsLong());
        }
        return start.isPresent() ? what + " from " + format.apply(start.getAsLong())
                : what + " up to " + format.apply(end.getAsLong());
    }
}
