package org.opentss.identity;

import org.junit.jupiter.api.Tag;
import org.opentss.testing.TestServer;
import org.opentss.testing.Databases;

@Tag(TestServer.EXPLICIT_DATABASE)
class SqliteIdentityRepositoryIT extends IdentityRepositoryContract {

    @Override
    protected Databases.Engine engine() {
        return Databases.Engine.SQLITE;
    }
}
