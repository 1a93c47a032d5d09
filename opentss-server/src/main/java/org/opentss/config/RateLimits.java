package org.opentss.config;

/**
 * Requests per minute for each endpoint class of sign-de-v2.md §13.2, and requests per second per POS API
 * credential (pos-api.md §7.3); 0 switches a limit off.
 */
public record RateLimits(int auth, int sign, int export, int general, int management, int posPerSecond) {
}
