package org.opentss.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Small facts about the installation itself, kept in the database so that every node sees them. */
public final class InstanceSettings {

    private final Jdbi jdbi;

    public InstanceSettings(Database database) {
        this.jdbi = database.jdbi();
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM instance_setting WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /** Stores the value unless one is there already, and returns whichever value is stored now. */
    public String putIfAbsent(String name, String value) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO instance_setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
                    .bind("name", name).bind("value", value).execute();
            return h.createQuery("SELECT value FROM instance_setting WHERE name = :name")
                    .bind("name", name).mapTo(String.class).one();
        });
    }

    /** Stores the value, replacing any there. */
    public void put(String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO instance_setting (name, value) VALUES (:name, :value) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value").bind("name", name).bind("value", value)
                .execute());
    }
}
