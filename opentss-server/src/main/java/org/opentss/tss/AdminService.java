package org.opentss.tss;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.opentss.config.TssSettings;
import org.opentss.crypto.PasswordHasher;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.identity.Caller;
import org.opentss.journal.JournalWriter;
import org.opentss.journal.SystemEvents;

/**
 * Admin PIN and PUK, and admin login and logout (sign-de-v2.md §5). Every checked PIN or PUK is logged
 * (success or failure) and counted in the same transaction; a failure is answered only after that
 * transaction committed, so a wrong guess can never go uncounted.
 */
public final class AdminService {

    private final TssTransactions transactions;
    private final TssRepository tsses;
    private final AdminSessions sessions;
    private final TssService tssService;
    private final PasswordHasher hasher;
    private final TssSettings settings;
    private final Clock clock;

    public AdminService(TssTransactions transactions, TssRepository tsses, AdminSessions sessions,
            TssService tssService, PasswordHasher hasher, TssSettings settings, Clock clock) {
        this.transactions = transactions;
        this.tsses = tsses;
        this.sessions = sessions;
        this.tssService = tssService;
        this.hasher = hasher;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code PATCH /tss/{id}/admin}: sets or unblocks the PIN with the PUK (§5.2). */
    public void setPinWithPuk(Caller caller, String tssId, String puk, String newPin) {
        String newPinHash = hasher.hash(newPin); // slow on purpose: done before the TSS is locked
        boolean ok = transactions.inLockedTss(caller, tssId, (h, tss) -> {
            TssRules.requireAdminState(tss);
            long now = clock.instant().getEpochSecond();
            int failures = tss.pukFailures();
            if (tss.pukLockedUntil().isPresent()) {
                long lockedUntil = tss.pukLockedUntil().getAsLong();
                if (now < lockedUntil) {
                    long wait = lockedUntil - now;
                    throw ApiError.retryLater(ErrorCode.E_ADMIN_PUK_BLOCKED,
                            "PUK use is locked after too many wrong PUKs; retry after " + wait + " seconds", wait);
                }
                failures = 0; // the lock has expired: counting restarts, the lock level stays (§5.6)
            }
            JournalWriter writer = tssService.writer(h, tss);
            writer.syncTimeIfDue();
            if (!hasher.matches(puk, tss.pukHash())) {
                recordWrongPuk(h, tss, failures + 1, now);
                writer.append(SystemEvents.unblockUser(false));
                return false;
            }
            tsses.setPin(h, tss.id(), newPinHash);
            writer.append(SystemEvents.unblockUser(true));
            return true;
        });
        if (!ok) {
            throw ApiError.of(ErrorCode.E_ADMIN_LOGIN_FAILED, "admin PUK is wrong");
        }
    }

    private void recordWrongPuk(Handle h, Tss tss, int failures, long now) {
        if (failures < settings.adminPukMaxFailures()) {
            tsses.setPukFailures(h, tss.id(), failures, tss.pukLockLevel(), OptionalLong.empty());
            return;
        }
        // 15 min × 2^(n−1) for the n-th lock since the last successful PUK use, capped (§5.6)
        int level = tss.pukLockLevel() + 1;
        Duration lock = settings.adminPukLock().multipliedBy(1L << Math.min(level - 1, 30));
        if (lock.compareTo(settings.adminPukLockMax()) > 0) {
            lock = settings.adminPukLockMax();
        }
        tsses.setPukFailures(h, tss.id(), 0, level, OptionalLong.of(now + lock.toSeconds()));
    }

    /** {@code POST /tss/{id}/admin/auth}: admin login with the PIN (§5.3). */
    public void login(Caller caller, String tssId, String pin) {
        boolean ok = transactions.inLockedTss(caller, tssId, (h, tss) -> {
            TssRules.requireAdminState(tss);
            if (tss.isPinBlocked(settings.adminPinMaxFailures())) {
                throw ApiError.of(ErrorCode.E_ADMIN_PIN_BLOCKED, "admin PIN is blocked; set a new PIN with the PUK");
            }
            JournalWriter writer = tssService.writer(h, tss);
            writer.syncTimeIfDue();
            if (!hasher.matches(pin, tss.pinHash().orElseThrow())) {
                tsses.setPinFailures(h, tss.id(), tss.pinFailures() + 1);
                writer.append(SystemEvents.authenticateUser(false));
                return false;
            }
            tsses.setPinFailures(h, tss.id(), 0);
            sessions.open(h, tss.id(), caller);
            writer.append(SystemEvents.authenticateUser(true));
            return true;
        });
        if (!ok) {
            throw ApiError.of(ErrorCode.E_ADMIN_LOGIN_FAILED, "admin PIN is wrong");
        }
    }

    /** {@code POST /tss/{id}/admin/logout}: ends this token's session and logs it, if there was one (§5.4). */
    public void logout(Caller caller, String tssId) {
        transactions.inLockedTss(caller, tssId, (h, tss) -> {
            if (tss.state() == TssState.DEFECTIVE) {
                throw TssRules.defective();
            }
            if (sessions.close(h, tss.id(), caller, clock.instant().getEpochSecond()) && tss.state().isPersonalized()) {
                JournalWriter writer = tssService.writer(h, tss);
                writer.syncTimeIfDue();
                writer.append(SystemEvents.logOut());
            }
            return null;
        });
    }
}
