package org.opentss.tx;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code receipt_type} and the DSFinV-K {@code BON_TYP} (Vorgangstyp) it is written as (tse-formats §6.2.1). */
enum ReceiptType {
    RECEIPT("Beleg"),
    TRAINING("AVTraining"),
    TRANSFER("AVTransfer"),
    ORDER("AVBestellung"),
    CANCELLATION("AVBelegabbruch"),
    ABORT("AVBelegabbruch"),
    BENEFIT_IN_KIND("AVSachbezug"),
    INVOICE("AVRechnung"),
    OTHER("AVSonstige"),
    ANNULATION("AVBelegstorno");

    static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final String bonTyp;

    ReceiptType(String bonTyp) {
        this.bonTyp = bonTyp;
    }

    String bonTyp() {
        return bonTyp;
    }
}
