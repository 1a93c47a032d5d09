package org.opentss.tx;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** processData of processType {@code Kassenbeleg-V1} (tse-formats.md §6.2, sign-de-v2.md §8.4.1). */
final class KassenbelegV1 {

    static final String PROCESS_TYPE = "Kassenbeleg-V1";

    /** Within one Zahlungsart the EUR group comes first, then the other currencies alphabetically (P6). */
    private static final Comparator<String> EUR_FIRST =
            Comparator.comparing((String currency) -> !currency.equals(Receipt.DEFAULT_CURRENCY))
                    .thenComparing(Comparator.naturalOrder());

    private KassenbelegV1() {
    }

    /** {@code <BON_TYP>^<slot1>_…_<slot5>^<payments>}. */
    static String processData(Receipt receipt) {
        return receipt.receiptType().bonTyp() + "^" + vatSlots(receipt) + "^" + payments(receipt);
    }

    /** Exact sums per slot, formatted once (A6): 10.005 + 5.00 is 15.005, written 15.00. */
    private static String vatSlots(Receipt receipt) {
        BigDecimal[] slots = new BigDecimal[VatRate.values().length];
        Arrays.fill(slots, BigDecimal.ZERO);
        for (Receipt.VatAmount entry : receipt.amountsPerVatRate()) {
            int slot = entry.slot().ordinal();
            slots[slot] = slots[slot].add(entry.value());
        }
        return Arrays.stream(slots).map(Amounts::format).collect(Collectors.joining("_"));
    }

    private static String payments(Receipt receipt) {
        Map<PaymentType, Map<String, BigDecimal>> groups = new EnumMap<>(PaymentType.class);
        for (Receipt.Payment payment : receipt.amountsPerPaymentType().orElse(List.of())) {
            groups.computeIfAbsent(payment.paymentType(), kind -> new TreeMap<>(EUR_FIRST))
                    .merge(payment.currency(), payment.value(), BigDecimal::add);
        }
        List<String> written = new ArrayList<>();
        groups.forEach((kind, byCurrency) -> byCurrency.forEach((currency, sum) -> {
            String amount = Amounts.format(sum);
            if (amount.equals("0.00")) {
                return; // "Zahlungen von 0.00 müssen entfallen" (P5)
            }
            boolean euro = currency.equals(Receipt.DEFAULT_CURRENCY);
            written.add(amount + ":" + kind.zahlungsart() + (euro ? "" : ":" + currency));
        }));
        return String.join("_", written);
    }
}
