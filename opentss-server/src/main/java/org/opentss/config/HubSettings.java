package org.opentss.config;

import java.time.Duration;

/**
 * Settings of the HUB web dashboard.
 *
 * @param signUpEnabled whether anyone may create an account at {@code /hub/sign-up}; off by default, so an
 *                      installation's first administrator comes from {@code opentss hub-user create}
 * @param sessionTtl how long a sign-in lasts
 * @param maxSignInFailuresPerMinute failed sign-ins per email address (and five times as many per client
 *                                   address) within 60 s before further attempts are refused for a while
 */
public record HubSettings(boolean signUpEnabled, Duration sessionTtl, int maxSignInFailuresPerMinute) {
}
