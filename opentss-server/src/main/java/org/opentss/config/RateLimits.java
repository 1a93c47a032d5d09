package org.opentss.config;

/** Requests per minute for each endpoint class of sign-de-v2.md §13.2; 0 switches a class off. */
public record RateLimits(int auth, int sign, int export, int general, int management) {
}
