package org.opentss.identity;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opentss.crypto.SecretHasher;

/** Creates, changes and deletes API keys; the secret is hashed before anything is stored. */
public final class ApiKeyService {

    private final ApiKeyRepository apiKeys;
    private final SecretHasher hasher;
    private final Clock clock;
    private final ApiKeyFactory factory = new ApiKeyFactory();

    public ApiKeyService(ApiKeyRepository apiKeys, SecretHasher hasher, Clock clock) {
        this.apiKeys = apiKeys;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * @param createdBy the API key whose token creates it; empty when the operator does
     * @param managedBy the creating token's organization when that is not {@code organizationId}
     */
    public CreatedApiKey create(String organizationId, Environment env, String name, ApiKey.Status status,
            Map<String, String> metadata, Optional<String> createdBy, Optional<String> managedBy) {
        String secret = factory.newSecret();
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), organizationId, env, factory.newKey(env, name),
                hasher.hash(secret), name, status, metadata, createdBy, managedBy, clock.instant().getEpochSecond());
        apiKeys.insert(key);
        return new CreatedApiKey(key, secret);
    }

    public ApiKey update(ApiKey changed) {
        apiKeys.update(changed);
        return changed;
    }

    public void delete(ApiKey key) {
        apiKeys.markDeleted(key.id(), clock.instant().getEpochSecond());
    }
}
