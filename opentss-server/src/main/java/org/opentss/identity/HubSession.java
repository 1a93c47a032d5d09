package org.opentss.identity;

import java.util.Optional;

/**
 * A signed-in browser. {@code tokenHash} identifies it (the cookie value itself is never stored);
 * {@code organizationId} and {@code env} are what the dashboard shows now.
 */
public record HubSession(String tokenHash, String userId, Optional<String> organizationId, Environment env,
        long expiresAt) {
}
