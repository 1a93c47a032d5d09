package org.opentss.tx;

/** The states of a transaction (sign-de-v2.md §8.1); FINISHED and CANCELLED are final. */
public enum TxState {
    ACTIVE, FINISHED, CANCELLED;

    public boolean isEnded() {
        return this != ACTIVE;
    }
}
