package org.opentss.identity;

/** A person who signs in to the HUB. Only the Argon2id hash of the password is kept. */
public record HubUser(String id, String email, String passwordHash, long createdAt) {

    /** The hash is left out, so that a user can be logged. */
    @Override
    public String toString() {
        return "HubUser[id=" + id + ", email=" + email + "]";
    }
}
