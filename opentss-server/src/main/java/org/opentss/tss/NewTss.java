package org.opentss.tss;

import java.util.Optional;

/**
 * The outcome of {@code PUT /tss/{id}}: the TSS, and the PUK if this call created it — shown once,
 * stored only as a hash.
 */
public record NewTss(Tss tss, Optional<String> adminPuk) {

    @Override
    public String toString() {
        return "NewTss[" + tss + ", adminPuk=" + (adminPuk.isPresent() ? "***" : "-") + "]";
    }
}
