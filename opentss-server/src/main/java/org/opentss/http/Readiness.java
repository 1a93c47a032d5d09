package org.opentss.http;

/** Whether the server takes traffic: not while it starts (migrations) or shuts down (§13.1). */
public final class Readiness {

    private volatile boolean accepting;

    public void ready() {
        accepting = true;
    }

    public void shuttingDown() {
        accepting = false;
    }

    public boolean isAccepting() {
        return accepting;
    }
}
