package org.opentss.tx;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The five VAT slots of Kassenbeleg-V1, declared in their processData order (tse-formats §6.2.2), each
 * with the deprecated percentage alias that older clients still send.
 */
enum VatRate {
    NORMAL("19"),
    REDUCED_1("7"),
    SPECIAL_RATE_1("10.7"),
    SPECIAL_RATE_2("5.5"),
    NULL("0");

    private static final Map<String, VatRate> BY_WIRE_NAME = new HashMap<>();

    static {
        for (VatRate rate : values()) {
            BY_WIRE_NAME.put(rate.name(), rate);
            BY_WIRE_NAME.put(rate.alias, rate);
        }
    }

    /** Every accepted {@code vat_rate} value: names and aliases. */
    static final Set<String> WIRE_NAMES = Set.copyOf(BY_WIRE_NAME.keySet());

    private final String alias;

    VatRate(String alias) {
        this.alias = alias;
    }

    /** The slot of a validated {@code vat_rate} value (name or alias). */
    static VatRate ofWireName(String wireName) {
        return BY_WIRE_NAME.get(wireName);
    }
}
