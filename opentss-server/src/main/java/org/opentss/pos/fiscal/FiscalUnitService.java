package org.opentss.pos.fiscal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.pos.register.Register;
import org.opentss.pos.register.RegisterKeys;
import org.opentss.pos.register.RegisterRepository;
import org.opentss.store.Database;
import org.opentss.store.Dialect;
import org.opentss.tss.TssRepository;
import org.opentss.tss.TssState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of fiscal units (pos-api.md §13.1): create, replace, recover, decommission, and the
 * archiving of a register (§12.7). TSS work runs between short database transactions that record each
 * state, so that a failed provisioning leaves a unit in {@code error} that can be recovered.
 */
public final class FiscalUnitService {

    private static final Logger LOG = LoggerFactory.getLogger(FiscalUnitService.class);
    /**
     * Provisioning takes well under a second; a unit still {@code provisioning} after this long was left by a
     * node that stopped mid-way and is put into {@code error}, from where it can be recovered (§13.1).
     */
    private static final long PROVISIONING_ABANDONED_AFTER_MILLIS = 5 * 60_000;

    private final Database database;
    private final RegisterRepository registers;
    private final FiscalUnitRepository units;
    private final RegisterKeys keys;
    private final TssRepository tsses;
    private final TssProvisioner provisioner;
    private final OpenOperations openOperations;
    private final PosIds ids;
    private final Clock clock;

    /** A change of fiscal units with the register after it and a register key issued by it, if any. */
    public record Outcome(FiscalUnit unit, Optional<FiscalUnit> replaced, Register register, Optional<String> newKey) {
    }

    public FiscalUnitService(Database database, RegisterRepository registers, FiscalUnitRepository units,
            RegisterKeys keys, TssRepository tsses, TssProvisioner provisioner, OpenOperations openOperations,
            PosIds ids, Clock clock) {
        this.database = database;
        this.registers = registers;
        this.units = units;
        this.keys = keys;
        this.tsses = tsses;
        this.provisioner = provisioner;
        this.openOperations = openOperations;
        this.ids = ids;
        this.clock = clock;
    }

    /** §13.3: records the unit, provisions it; a failed provisioning leaves it in {@code error}. */
    public Outcome create(Register register, boolean issueCredential) {
        FiscalUnit provisioning = database.inTransaction(h -> {
            Register locked = lockActive(h, register.id());
            current(h, locked.id()).ifPresent(current -> {
                throw PosError.conflict("fiscal_unit_already_active", "Register " + locked.id()
                        + " already has fiscal unit " + current.id() + " in state '" + current.state().wire()
                        + "'. Use the replace endpoint to change it.");
            });
            FiscalUnit unit = new FiscalUnit(ids.next("fu"), locked.id(), FiscalUnitState.PROVISIONING,
                    Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), clock.millis());
            units.insert(h, unit);
            return unit;
        });
        FiscalUnit result;
        try {
            TssProvisioner.Binding binding = provisioner.provision(register.organizationId(), register.env(),
                    register.locationId(), register.serialNumber(), clientMetadata(register, provisioning),
                    Optional.empty());
            result = activated(provisioning, binding, Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("provisioning of fiscal unit {} failed: {}", provisioning.id(), e.toString());
            result = withState(provisioning, FiscalUnitState.ERROR, Optional.of("Provisioning failed: " + e.getMessage()));
        }
        FiscalUnit recorded = result;
        return database.inTransaction(h -> {
            units.update(h, recorded);
            Optional<String> key = issueCredential ? Optional.of(keys.issue(h, register, clock.millis()))
                    : Optional.empty();
            return new Outcome(recorded, Optional.empty(), touch(h, register.id()), key);
        });
    }

    /**
     * §13.5: provisions a new unit on another TSS, then decommissions the old one; if the new one cannot
     * be provisioned, nothing changes (502).
     */
    public Outcome replace(Register register, String reason, boolean issueCredential) {
        FiscalUnit old = database.inTransaction(h -> {
            lockActive(h, register.id());
            FiscalUnit current = current(h, register.id())
                    .filter(u -> u.state() == FiscalUnitState.ACTIVE || u.state() == FiscalUnitState.ERROR)
                    .orElseThrow(() -> notActive(register.id()));
            if (current.state() == FiscalUnitState.ACTIVE) {
                requireNoOpenOperations(h, register.id());
            }
            return current;
        });
        String newId = ids.next("fu");
        long createdAt = clock.millis();
        FiscalUnit draft = new FiscalUnit(newId, register.id(), FiscalUnitState.PROVISIONING, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.of(old.id()), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), createdAt);
        TssProvisioner.Binding binding;
        try {
            binding = provisioner.provision(register.organizationId(), register.env(), register.locationId(),
                    register.serialNumber(), clientMetadata(register, draft), old.tssId());
        } catch (RuntimeException e) {
            LOG.warn("provisioning of replacement unit for {} failed: {}", register.id(), e.toString());
            throw PosError.fiscalDevice("The new fiscal unit could not be provisioned; nothing changed.", null);
        }
        retireClient(register, old, true);
        FiscalUnit fresh = activated(draft, binding, Optional.of(old.id()));
        return database.inTransaction(h -> {
            long now = clock.millis();
            FiscalUnit retired = new FiscalUnit(old.id(), old.registerId(), FiscalUnitState.DECOMMISSIONED, old.tssId(),
                    old.tssClientId(), old.registeredAt(), Optional.of(reason), old.replaces(), Optional.of(newId),
                    old.provisionedAt(), OptionalLong.of(now), old.createdAt());
            units.update(h, retired);
            if (old.state() == FiscalUnitState.ERROR) {
                openOperations.closeUnsignable(h, old.id(), "Fiscal unit " + old.id() + " replaced while in error: "
                        + reason);
            }
            units.insert(h, fresh);
            Optional<String> key = issueCredential ? Optional.of(keys.issue(h, register, now)) : Optional.empty();
            return new Outcome(fresh, Optional.of(retired), touch(h, register.id()), key);
        });
    }

    /** §13.7: from {@code error} back to {@code active}; an active unit is answered unchanged. */
    public FiscalUnit recover(Register register, FiscalUnit found) {
        FiscalUnit unit = database.inTransaction(h -> abandonedToError(h, found));
        if (unit.state() == FiscalUnitState.ACTIVE) {
            return unit;
        }
        if (unit.state() != FiscalUnitState.ERROR) {
            throw notActive(register.id());
        }
        FiscalUnit recovered;
        try {
            TssProvisioner.Binding binding;
            if (unit.tssId().isEmpty()) {
                binding = provisioner.provision(register.organizationId(), register.env(), register.locationId(),
                        register.serialNumber(), clientMetadata(register, unit), Optional.empty());
            } else {
                requireUsable(unit.tssId().get());
                binding = provisioner.register(register.organizationId(), register.env(), unit.tssId().get(),
                        register.serialNumber(), clientMetadata(register, unit));
            }
            recovered = activated(unit, binding, unit.replaces());
        } catch (RuntimeException e) {
            FiscalUnit failed = withState(unit, FiscalUnitState.ERROR, Optional.of("Recovery failed: " + e.getMessage()));
            database.inTransaction(h -> {
                units.update(h, failed);
                return null;
            });
            throw PosError.fiscalDevice("The fiscal unit could not be recovered: " + e.getMessage()
                    + " Replace it if its TSS is no longer usable.", null);
        }
        return database.inTransaction(h -> {
            units.update(h, recovered);
            touch(h, register.id());
            return recovered;
        });
    }

    /** §13.8: retires an active or failed unit; its client is deregistered. */
    public FiscalUnit decommission(Register register, FiscalUnit unit, String reason) {
        if (unit.state() != FiscalUnitState.ACTIVE && unit.state() != FiscalUnitState.ERROR) {
            throw notActive(register.id());
        }
        boolean active = unit.state() == FiscalUnitState.ACTIVE;
        database.inTransaction(h -> {
            lockActive(h, register.id());
            if (active) {
                requireNoOpenOperations(h, register.id());
            }
            return null;
        });
        retireClient(register, unit, active);
        return database.inTransaction(h -> {
            FiscalUnit retired = decommissioned(unit, reason);
            units.update(h, retired);
            if (!active) {
                openOperations.closeUnsignable(h, unit.id(), "Fiscal unit " + unit.id()
                        + " decommissioned while in error: " + reason);
            }
            touch(h, register.id());
            return retired;
        });
    }

    /** §12.7: decommissions the current unit whatever its state, revokes the key, archives the register. */
    public Register archive(Register register, String reason) {
        if (register.archived()) {
            return register;
        }
        Optional<FiscalUnit> current = database.inTransaction(h -> {
            requireNoOpenOperations(h, register.id());
            return units.current(h, register.id());
        });
        current.ifPresent(unit -> retireClient(register, unit, unit.state() == FiscalUnitState.ACTIVE));
        return database.inTransaction(h -> {
            Register locked = registers.lock(h, register.id(), database.dialect() == Dialect.POSTGRESQL).orElseThrow();
            if (locked.archived()) {
                return locked;
            }
            requireNoOpenOperations(h, register.id());
            units.current(h, register.id()).ifPresent(unit -> units.update(h, decommissioned(unit, reason)));
            keys.revoke(h, register.id());
            long now = clock.millis();
            Register archived = new Register(locked.id(), locked.organizationId(), locked.env(), locked.locationId(),
                    locked.label(), locked.serialNumber(), locked.jurisdiction(), true, locked.metadata(),
                    locked.createdAt(), now, OptionalLong.of(now));
            registers.update(h, archived);
            return archived;
        });
    }

    /**
     * Deregisters the unit's client. For an active unit a failure is a 502 and nothing changes; a unit in
     * error is retired anyway, as its TSS may be unusable (§13.8).
     */
    private void retireClient(Register register, FiscalUnit unit, boolean mustSucceed) {
        if (unit.tssId().isEmpty() || unit.tssClientId().isEmpty()) {
            return;
        }
        try {
            provisioner.deregister(register.organizationId(), register.env(), unit.tssId().get(),
                    unit.tssClientId().get());
        } catch (RuntimeException e) {
            if (mustSucceed) {
                LOG.warn("deregistering the client of fiscal unit {} failed: {}", unit.id(), e.toString());
                throw PosError.fiscalDevice("The TSE client of fiscal unit " + unit.id()
                        + " could not be deregistered; nothing changed.", null);
            }
            LOG.info("fiscal unit {} in error retired without deregistering its client: {}", unit.id(), e.toString());
        }
    }

    /** The register's unit that is not decommissioned, with an abandoned provisioning turned into error. */
    private Optional<FiscalUnit> current(Handle h, String registerId) {
        return units.current(h, registerId).map(unit -> abandonedToError(h, unit));
    }

    private FiscalUnit abandonedToError(Handle h, FiscalUnit unit) {
        if (unit.state() != FiscalUnitState.PROVISIONING
                || clock.millis() - unit.createdAt() < PROVISIONING_ABANDONED_AFTER_MILLIS) {
            return unit;
        }
        FiscalUnit failed = withState(unit, FiscalUnitState.ERROR, Optional.of("Provisioning was interrupted."));
        units.update(h, failed);
        return failed;
    }

    private void requireUsable(String tssId) {
        tsses.find(tssId)
                .filter(tss -> tss.state() == TssState.INITIALIZED)
                .filter(tss -> tss.certificateNotAfter() > clock.instant().getEpochSecond())
                .orElseThrow(() -> new IllegalStateException("its TSS " + tssId
                        + " is not initialized or its certificate has expired."));
    }

    private Register lockActive(Handle h, String registerId) {
        Register register = registers.lock(h, registerId, database.dialect() == Dialect.POSTGRESQL).orElseThrow();
        if (register.archived()) {
            throw PosError.conflict("register_archived", "Register " + registerId + " is archived.");
        }
        return register;
    }

    private Register touch(Handle h, String registerId) {
        Register register = registers.find(h, registerId).orElseThrow();
        Register touched = new Register(register.id(), register.organizationId(), register.env(),
                register.locationId(), register.label(), register.serialNumber(), register.jurisdiction(),
                register.archived(), register.metadata(), register.createdAt(), clock.millis(), register.archivedAt());
        registers.update(h, touched);
        return touched;
    }

    private void requireNoOpenOperations(Handle h, String registerId) {
        long open = openOperations.count(h, registerId);
        if (open > 0) {
            throw PosError.conflict("open_operations_exist", "Register " + registerId + " has " + open
                    + " open operations. Complete or cancel them first.");
        }
    }

    private FiscalUnit activated(FiscalUnit unit, TssProvisioner.Binding binding, Optional<String> replaces) {
        return new FiscalUnit(unit.id(), unit.registerId(), FiscalUnitState.ACTIVE, Optional.of(binding.tssId()),
                Optional.of(binding.clientId()), OptionalLong.of(binding.registeredAt()), Optional.empty(), replaces,
                unit.replacedBy(), unit.provisionedAt().isPresent() ? unit.provisionedAt()
                        : OptionalLong.of(clock.millis()), OptionalLong.empty(), unit.createdAt());
    }

    private FiscalUnit decommissioned(FiscalUnit unit, String reason) {
        return new FiscalUnit(unit.id(), unit.registerId(), FiscalUnitState.DECOMMISSIONED, unit.tssId(),
                unit.tssClientId(), unit.registeredAt(), Optional.of(reason), unit.replaces(), unit.replacedBy(),
                unit.provisionedAt(), OptionalLong.of(clock.millis()), unit.createdAt());
    }

    private static FiscalUnit withState(FiscalUnit unit, FiscalUnitState state, Optional<String> reason) {
        return new FiscalUnit(unit.id(), unit.registerId(), state, unit.tssId(), unit.tssClientId(),
                unit.registeredAt(), reason, unit.replaces(), unit.replacedBy(), unit.provisionedAt(),
                unit.decommissionedAt(), unit.createdAt());
    }

    private static Map<String, String> clientMetadata(Register register, FiscalUnit unit) {
        return Map.of("pos_register_id", register.id(), "pos_fiscal_unit_id", unit.id());
    }

    static PosError notActive(String registerId) {
        return PosError.conflict("fiscal_unit_not_active", "Register " + registerId
                + " has no fiscal unit in a state that allows this.");
    }
}
