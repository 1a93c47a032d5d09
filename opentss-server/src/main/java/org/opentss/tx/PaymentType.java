package org.opentss.tx;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code payment_type} and its DSFinV-K Zahlungsart, declared in processData order: Bar before Unbar (P6). */
enum PaymentType {
    CASH("Bar"),
    NON_CASH("Unbar");

    static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final String zahlungsart;

    PaymentType(String zahlungsart) {
        this.zahlungsart = zahlungsart;
    }

    String zahlungsart() {
        return zahlungsart;
    }
}
