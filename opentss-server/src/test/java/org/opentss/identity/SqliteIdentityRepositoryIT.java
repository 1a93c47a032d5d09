package org.opentss.identity;

import org.opentss.testing.Databases;

class SqliteIdentityRepositoryIT extends IdentityRepositoryContract {

    @Override
    protected Databases.Engine engine() {
        return Databases.Engine.SQLITE;
    }
}
