package org.opentss.crypto;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opentss.config.AppConfig;

/**
 * The master keys a node holds: its current one and, while a rotation is under way, the previous one
 * ({@code OPENTSS_MASTER_KEY_PREVIOUS}). Values sealed under either key open; new values are sealed
 * under the <em>active</em> key, the one whose check value the database holds. Until {@code opentss
 * master-key rotate} switches the database to the current key, that is the previous key, so that nodes
 * that do not have the new key yet can still open everything that nodes with both keys write.
 */
public final class MasterKeyRing {

    private final MasterKey current;
    private final Optional<MasterKey> previous;
    private final Supplier<Optional<String>> storedCheckValue;

    private MasterKeyRing(MasterKey current, Optional<MasterKey> previous,
            Supplier<Optional<String>> storedCheckValue) {
        this.current = current;
        this.previous = previous;
        this.storedCheckValue = storedCheckValue;
    }

    /** A ring of one key, which is always the active one. */
    public static MasterKeyRing of(MasterKey only) {
        return new MasterKeyRing(only, Optional.empty(), Optional::empty);
    }

    /** @param storedCheckValue reads the check value the database holds now */
    public static MasterKeyRing of(MasterKey current, Optional<MasterKey> previous,
            Supplier<Optional<String>> storedCheckValue) {
        return new MasterKeyRing(current, previous, storedCheckValue);
    }

    public static MasterKeyRing load(AppConfig config, Supplier<Optional<String>> storedCheckValue) {
        MasterKey current = MasterKey.load(config);
        Optional<MasterKey> previous = MasterKey.loadPrevious(config);
        if (previous.isPresent() && previous.get().checkValue().equals(current.checkValue())) {
            throw new IllegalStateException("OPENTSS_MASTER_KEY_PREVIOUS_FILE holds the same key as the master key");
        }
        return of(current, previous, storedCheckValue);
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> previous() {
        return previous;
    }

    /** The key new values are sealed under: the previous one while the database still names it. */
    MasterKey active() {
        if (previous.isPresent() && storedCheckValue.get().equals(Optional.of(previous.get().checkValue()))) {
            return previous.get();
        }
        return current;
    }

    /** The active key first: it opens most values. */
    List<MasterKey> keys() {
        MasterKey active = active();
        return previous.isEmpty() ? List.of(current) : List.of(active, active == current ? previous.get() : current);
    }

    /** Seals values of one purpose under a key derived from the active master key. */
    public MasterKeySealer sealer(String purpose) {
        return new MasterKeySealer(this, purpose);
    }

    /**
     * Refuses to run against a database set up with a master key this node does not have.
     *
     * @param stored the check value the database holds
     */
    public void requireKnown(String stored) {
        if (stored.equals(current.checkValue()) || previous.map(p -> stored.equals(p.checkValue())).orElse(false)) {
            return;
        }
        throw new IllegalStateException("the master key does not match the one this database is set up with"
                + (previous.isPresent() ? ", and neither does OPENTSS_MASTER_KEY_PREVIOUS" : "")
                + "; start with the database's key (OPENTSS_MASTER_KEY, OPENTSS_MASTER_KEY_FILE or the data "
                + "directory's master.key)");
    }

    /** Whether the database still names the previous key, i.e. {@code opentss master-key rotate} has not run. */
    public boolean isRotationPending() {
        return previous.isPresent() && active() != current;
    }
}
