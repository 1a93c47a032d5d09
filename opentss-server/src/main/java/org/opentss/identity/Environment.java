package org.opentss.identity;

import java.util.Locale;

/** The environment of an API key and of everything its tokens create (sign-de-v2.md §1.7). */
public enum Environment {
    TEST, LIVE;

    /** The prefix of API key strings of this environment (§12.4). */
    public String keyPrefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
