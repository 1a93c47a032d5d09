package org.opentss.http;

import org.opentss.config.RateLimits;

/** The endpoint classes that are rate limited separately (sign-de-v2.md §13.2). */
public enum RateClass {
    AUTH, SIGN, EXPORT, GENERAL, MANAGEMENT;

    public int perMinute(RateLimits limits) {
        return switch (this) {
            case AUTH -> limits.auth();
            case SIGN -> limits.sign();
            case EXPORT -> limits.export();
            case GENERAL -> limits.general();
            case MANAGEMENT -> limits.management();
        };
    }
}
