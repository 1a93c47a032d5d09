package org.opentss.identity;

import org.opentss.testing.Databases;

class PostgresIdentityRepositoryIT extends IdentityRepositoryContract {

    @Override
    protected Databases.Engine engine() {
        return Databases.Engine.POSTGRESQL;
    }
}
