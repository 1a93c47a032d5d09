package org.opentss.tss;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.opentss.config.TssSettings;
import org.opentss.crypto.EcCurve;
import org.opentss.crypto.EcPoints;
import org.opentss.crypto.InstanceCa;
import org.opentss.crypto.KeyCustody;
import org.opentss.crypto.PasswordHasher;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.Metadata;
import org.opentss.identity.Caller;
import org.opentss.journal.DeferredRows;
import org.opentss.journal.Journal;
import org.opentss.journal.JournalTss;
import org.opentss.journal.JournalWriter;
import org.opentss.journal.SerialNumber;
import org.opentss.journal.SystemEvents;
import org.opentss.store.Database;
import tools.jackson.databind.node.ObjectNode;

/** The TSS lifecycle: create with key, certificate and PUK; personalize, initialize, disable (sign-de-v2.md §4). */
public final class TssService {

    private static final int PUK_DIGITS = 10;

    private final Database database;
    private final TssRepository tsses;
    private final TssTransactions transactions;
    private final AdminSessions sessions;
    private final Journal journal;
    private final KeyCustody custody;
    private final InstanceCa ca;
    private final PasswordHasher hasher;
    private final TssSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TssService(Database database, TssRepository tsses, TssTransactions transactions, AdminSessions sessions,
            Journal journal, KeyCustody custody, InstanceCa ca, PasswordHasher hasher, TssSettings settings,
            Clock clock) {
        this.database = database;
        this.tsses = tsses;
        this.transactions = transactions;
        this.sessions = sessions;
        this.journal = journal;
        this.custody = custody;
        this.ca = ca;
        this.hasher = hasher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * {@code PUT /tss/{id}}: creates the TSS, or answers a repeat while it is still CREATED (metadata
     * merged, no PUK). Key generation and PUK hashing happen before the database transaction, which
     * then only decides whether this call creates the TSS.
     */
    public NewTss create(Caller caller, String tssId, Optional<ObjectNode> metadata) {
        Optional<Tss> existing = tsses.find(tssId);
        if (existing.isPresent()) {
            return repeat(caller, existing.get(), metadata);
        }
        String puk = newPuk();
        String pukHash = hasher.hash(puk);
        KeyCustody.CustodyKey key = custody.generate(JournalTss.keyId(tssId), EcCurve.P256);
        byte[] point = EcPoints.uncompressed(key.key().publicKey());
        String serial = HexFormat.of().formatHex(SerialNumber.of(point));
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        byte[] certificate = ca.issueTssCertificate(key.key().publicKey(), serial, now);
        Map<String, String> initialMetadata = metadata.map(m -> Metadata.forCreate(m, "body/metadata")).orElse(Map.of());
        Tss tss = new Tss(tssId, caller.organizationId(), caller.env(), TssState.CREATED, defaultDescription(tssId),
                point, serial, certificate, key.handle(),
                now.atOffset(ZoneOffset.UTC).plusYears(8).toEpochSecond(), 0, 0, 0, OptionalLong.empty(),
                settings.maxRegisteredClients(), settings.maxActiveTransactions(), 0, 0, pukHash, Optional.empty(),
                0, 0, 0, OptionalLong.empty(), initialMetadata, now.getEpochSecond(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty());
        Optional<Tss> raced = database.inTransaction(h -> {
            Optional<Tss> stored = tsses.find(h, tssId);
            if (stored.isPresent()) {
                return stored; // another request created it meanwhile; answer as a repeat
            }
            checkCreationLimits(h, caller, now);
            tsses.insert(h, tss);
            return Optional.<Tss>empty();
        });
        if (raced.isPresent()) {
            return repeat(caller, raced.get(), metadata);
        }
        return new NewTss(tss, Optional.of(puk));
    }

    private NewTss repeat(Caller caller, Tss existing, Optional<ObjectNode> metadata) {
        if (!existing.isVisibleTo(caller.organizationId(), caller.env()) || existing.state() != TssState.CREATED) {
            throw ApiError.of(ErrorCode.E_TSS_CONFLICT, "TSS already exists and is no longer in state CREATED");
        }
        return transactions.inLockedTss(caller, existing.id(), (h, tss) -> {
            if (tss.state() != TssState.CREATED) {
                throw ApiError.of(ErrorCode.E_TSS_CONFLICT, "TSS already exists and is no longer in state CREATED");
            }
            metadata.ifPresent(m -> tsses.setMetadata(h, tss.id(), Metadata.merge(tss.metadata(), m, "body/metadata")));
            return new NewTss(tsses.find(h, tss.id()).orElseThrow(), Optional.empty());
        });
    }

    private void checkCreationLimits(Handle h, Caller caller, Instant now) {
        if (settings.maxTssPerOrganization() > 0
                && tsses.countInService(h, caller.organizationId(), caller.env()) >= settings.maxTssPerOrganization()) {
            throw ApiError.of(ErrorCode.E_TSS_LIMIT_REACHED, "the organization has reached its maximum of "
                    + settings.maxTssPerOrganization() + " TSSs in service");
        }
        long startOfDay = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        if (tsses.countCreatedSince(h, caller.organizationId(), startOfDay) >= settings.maxTssCreationsPerDay()) {
            throw ApiError.of(ErrorCode.E_TSS_LIMIT_PER_DAY_REACHED, "the organization has created "
                    + settings.maxTssCreationsPerDay() + " TSSs today; retry tomorrow (UTC)");
        }
    }

    /**
     * {@code PATCH /tss/{id}}: the state machine of §4.2. Legality is checked before the admin session;
     * the logs of a transition are written in the same transaction as the state change.
     */
    public Tss changeState(Caller caller, String tssId, TssState target, Optional<String> description,
            Optional<ObjectNode> metadata) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            if (tss.state() == TssState.DEFECTIVE) {
                throw TssRules.defective();
            }
            long now = clock.instant().getEpochSecond();
            Transition transition = Transition.of(tss.state(), target);
            if (transition.needsAdmin() && !sessions.isActive(h, tss.id(), caller, now)) {
                throw TssRules.adminRequired();
            }
            switch (transition) {
                case PERSONALIZE -> {
                    writer(h, tss).syncTime();
                    tsses.setState(h, tss.id(), TssState.UNINITIALIZED, now);
                }
                case INITIALIZE -> {
                    String newDescription = description.filter(d -> !d.isEmpty()).orElse(tss.description());
                    JournalWriter writer = writer(h, tss);
                    writer.syncTimeIfDue();
                    writer.append(SystemEvents.initialize(newDescription));
                    tsses.setDescription(h, tss.id(), newDescription);
                    tsses.setState(h, tss.id(), TssState.INITIALIZED, now);
                }
                case DISABLE -> {
                    JournalWriter writer = writer(h, tss);
                    writer.syncTimeIfDue();
                    writer.append(SystemEvents::disableSecureElement);
                    tsses.setState(h, tss.id(), TssState.DISABLED, now);
                    sessions.closeAll(h, tss.id());
                }
                case SAME_STATE, SAME_STATE_ADMIN -> {
                    // a retry or a metadata change: nothing is logged (§4.2)
                }
            }
            metadata.ifPresent(m -> tsses.setMetadata(h, tss.id(), Metadata.merge(tss.metadata(), m, "body/metadata")));
            return tsses.find(h, tss.id()).orElseThrow();
        });
    }

    public Optional<Tss> find(Caller caller, String tssId) {
        return tsses.find(tssId).filter(t -> t.isVisibleTo(caller.organizationId(), caller.env()));
    }

    public Map<String, String> updateMetadata(Caller caller, String tssId, ObjectNode change) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            Map<String, String> merged = Metadata.merge(tss.metadata(), change, "body");
            tsses.setMetadata(h, tss.id(), merged);
            return merged;
        });
    }

    /** The journal writer of a TSS locked by the handle's transaction; one per request. */
    public JournalWriter writer(Handle h, Tss tss) {
        return journal.writer(h, new JournalTss(tss.id(), SerialNumber.of(tss.publicKey()), tss.keyHandle(),
                tss.publicKey(), tss.signatureCounter(), tss.transactionCounter(), tss.lastLogTime(),
                tss.lastUpdateTimeAt(), tss.numberActiveTransactions()));
    }

    /**
     * Stores what the handle's transaction has signed so far, for reading it back: in a group commit the
     * signatures are made in parallel and stored only before the commit.
     */
    public void storeSigned(Handle h) {
        journal.storeSigned(h);
    }

    /** Rows the handle's group-commit transaction writes late, with its logs; empty outside a group commit. */
    public <R extends DeferredRows> Optional<R> deferredRows(Handle h, Class<R> type, Supplier<R> create) {
        return journal.deferredRows(h, type, create);
    }

    private String newPuk() {
        StringBuilder puk = new StringBuilder(PUK_DIGITS);
        for (int i = 0; i < PUK_DIGITS; i++) {
            puk.append((char) ('0' + random.nextInt(10)));
        }
        return puk.toString();
    }

    static String defaultDescription(String tssId) {
        return "OpenTSS (" + tssId + ")";
    }

    /** The transitions of the table in §4.2 that are allowed. */
    enum Transition {
        PERSONALIZE(false), INITIALIZE(true), DISABLE(true), SAME_STATE(false), SAME_STATE_ADMIN(true);

        private final boolean needsAdmin;

        Transition(boolean needsAdmin) {
            this.needsAdmin = needsAdmin;
        }

        boolean needsAdmin() {
            return needsAdmin;
        }

        static Transition of(TssState from, TssState to) {
            if (from == to) {
                if (from == TssState.UNINITIALIZED || from == TssState.DISABLED) {
                    return SAME_STATE;
                }
                if (from == TssState.INITIALIZED) {
                    return SAME_STATE_ADMIN;
                }
            } else if (from == TssState.CREATED && to == TssState.UNINITIALIZED) {
                return PERSONALIZE;
            } else if (from == TssState.UNINITIALIZED && to == TssState.INITIALIZED) {
                return INITIALIZE;
            } else if ((from == TssState.UNINITIALIZED || from == TssState.INITIALIZED) && to == TssState.DISABLED) {
                return DISABLE;
            }
            throw ApiError.of(ErrorCode.E_ILLEGAL_TSS_STATE_CHANGE,
                    "state change from " + from + " to " + to + " is not allowed");
        }
    }
}
