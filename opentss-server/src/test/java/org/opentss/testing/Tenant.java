package org.opentss.testing;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.opentss.Application;
import org.opentss.identity.ApiKey;
import org.opentss.identity.CreatedApiKey;
import org.opentss.identity.Environment;
import org.opentss.identity.NewOrganization;
import org.opentss.identity.Organization;

/**
 * An organization with a TEST API key, made directly in a database as the operator's CLI makes them,
 * and the installation's root certificate (the trust anchor of its exports). For tests whose servers
 * run in other processes: made before they start, by an {@link Application} that is closed again.
 */
public record Tenant(String organizationId, CreatedApiKey apiKey, byte[] rootCertificate) {

    /** Sets the database up (migrations, instance CA) with {@code masterKey} and creates the tenant in it. */
    public static Tenant create(TestDatabase database, String masterKey, String name) {
        try (Application app = Application.open(database.config(Map.of("OPENTSS_MASTER_KEY", masterKey)),
                Clock.systemUTC())) {
            Organization organization = createOrganization(app, name, Optional.empty());
            return new Tenant(organization.id(), createApiKey(app, organization.id(), Environment.TEST),
                    app.rootCertificate());
        }
    }

    /** A top-level (or managed) organization made by the operator, as the CLI makes it. */
    public static Organization createOrganization(Application app, String name, Optional<String> managedBy) {
        return app.organizationService().create(new NewOrganization(managedBy, name, "Lindenstraße 12",
                Optional.empty(), "10117", "Berlin", Optional.empty(), "DEU", Optional.empty(), Map.of()), null);
    }

    public static CreatedApiKey createApiKey(Application app, String organizationId, Environment env) {
        return app.apiKeyService().create(organizationId, env, "Test key", ApiKey.Status.ENABLED, Map.of(),
                Optional.empty(), Optional.empty());
    }
}
