package org.opentss.identity;

/** A key just created, with the secret that is shown this once and never again. */
public record CreatedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + key + ", secret=***]";
    }
}
