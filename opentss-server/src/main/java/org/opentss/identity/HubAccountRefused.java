package org.opentss.identity;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A sign-up or sign-in the HUB refuses, with the form field the message belongs next to (none for a
 * failed sign-in, which must not say whether the email or the password was wrong).
 */
public final class HubAccountRefused extends RuntimeException {

    private final String field;
    private final OptionalLong retryAfterSeconds;

    private HubAccountRefused(String field, String message, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static HubAccountRefused field(String field, String message) {
        return new HubAccountRefused(field, message, OptionalLong.empty());
    }

    public static HubAccountRefused wrongCredentials() {
        return new HubAccountRefused(null, "Wrong email or password.", OptionalLong.empty());
    }

    public static HubAccountRefused tooManyAttempts(long retryAfterSeconds) {
        return new HubAccountRefused(null, "Too many failed sign-ins. Try again in " + retryAfterSeconds
                + " seconds.", OptionalLong.of(retryAfterSeconds));
    }

    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
