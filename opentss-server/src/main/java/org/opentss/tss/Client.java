package org.opentss.tss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client (cash register) of a TSS (sign-de-v2.md §7). Its serial number is the clientId of every
 * transaction log it signs. {@code createMetadata} is what the creating request carried: an identical
 * repeat of that request is answered 200.
 */
public record Client(
        String id,
        String tssId,
        String serialNumber,
        ClientState state,
        Map<String, String> createMetadata,
        Map<String, String> metadata,
        long timeCreation,
        long timeUpdate) {

    public enum ClientState { REGISTERED, DEREGISTERED }

    public Client {
        createMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(createMetadata));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
