package org.opentss.tx;

import java.util.stream.Collectors;

/** processData of processType {@code Bestellung-V1} (tse-formats.md §6.3, sign-de-v2.md §8.4.2). */
final class BestellungV1 {

    static final String PROCESS_TYPE = "Bestellung-V1";

    private BestellungV1() {
    }

    /** One {@code <quantity>;"<text>";<price>} line per item, separated by CR only (no CR at the end). */
    static String processData(Order order) {
        return order.lineItems().stream()
                .map(item -> Amounts.formatQuantity(item.quantityValue())
                        + ";\"" + item.text().replace("\"", "\"\"") + "\";"
                        + Amounts.format(item.pricePerUnitValue()))
                .collect(Collectors.joining("\r"));
    }
}
