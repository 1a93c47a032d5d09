package org.opentss.hub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opentss.http.PosIds;
import org.opentss.identity.Environment;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.fiscal.FiscalUnit;
import org.opentss.pos.fiscal.FiscalUnitRepository;
import org.opentss.pos.organization.Location;
import org.opentss.pos.organization.Locations;
import org.opentss.pos.register.Register;
import org.opentss.pos.register.RegisterKeys;
import org.opentss.pos.register.RegisterRepository;
import org.opentss.pos.register.RegisterStatuses;
import org.opentss.store.Database;

/**
 * The POS registers of one organization and environment as the HUB pages show them, read through the POS
 * API's own repositories. Registers belong to the organization that owns their location: a vendor's page
 * shows its own registers, not those of the merchants it manages (each has its own page).
 */
public final class HubRegisters {

    /** More fiscal units than this on one register are years of replacements; the page says some are left out. */
    static final int MAX_UNITS = 100;

    /** A register with what the list shows beside it; {@code currentUnit} is the one not decommissioned. */
    public record Row(Register register, Location location, Optional<FiscalUnit> currentUnit,
            RegisterStatuses.Summary status) {
    }

    /** One page of the list, newest first; {@code next} is the cursor of the following page, if there is one. */
    public record Listing(List<Row> rows, Optional<String> next) {
    }

    /** A register with its fiscal units, newest first, and what it shows of its register API key. */
    public record Detail(Row row, List<FiscalUnit> units, boolean moreUnits,
            Optional<RegisterKeys.Credential> credential) {
    }

    private final Jdbi jdbi;
    private final PosDirectory directory;
    private final RegisterRepository registers;
    private final FiscalUnitRepository units;
    private final RegisterStatuses statuses;
    private final RegisterKeys keys;

    public HubRegisters(Database database, PosDirectory directory, RegisterRepository registers,
            FiscalUnitRepository units, RegisterStatuses statuses, RegisterKeys keys) {
        this.jdbi = database.jdbi();
        this.directory = directory;
        this.registers = registers;
        this.units = units;
        this.statuses = statuses;
        this.keys = keys;
    }

    /** @param before the cursor: the last register id of the previous page; one that is no register id is ignored */
    public Listing list(String organizationId, Environment env, Optional<String> before, int limit) {
        Optional<String> cursor = before.filter(id -> PosIds.isWellFormed("reg", id));
        return jdbi.withHandle(h -> {
            List<Register> page = registers.listOfOrganization(h, organizationId, env, cursor, limit + 1);
            Map<String, Location> locations = new HashMap<>();
            List<Row> rows = page.stream().limit(limit).map(register -> row(h, register, locations)).toList();
            Optional<String> next = page.size() > limit
                    ? Optional.of(rows.getLast().register().id()) : Optional.empty();
            return new Listing(rows, next);
        });
    }

    /**
     * The register if it belongs to the organization and is of the environment; empty for any other id,
     * malformed, unknown or not the organization's alike.
     */
    public Optional<Detail> find(String organizationId, Environment env, String registerId) {
        if (!PosIds.isWellFormed("reg", registerId)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> registers.find(h, registerId)
                .filter(register -> register.organizationId().equals(organizationId) && register.env() == env)
                .map(register -> {
                    List<FiscalUnit> history = units.history(h, register.id(), Optional.empty(), MAX_UNITS + 1);
                    return new Detail(row(h, register, new HashMap<>()), history.stream().limit(MAX_UNITS).toList(),
                            history.size() > MAX_UNITS, keys.credential(h, register.id()));
                }));
    }

    /** The organization's {@code org_} id, which POS software names in {@code OpenFiskal-Organization}. */
    public Optional<String> posOrganizationId(String organizationId) {
        return directory.knownPosId(organizationId);
    }

    /** @param locations locations read so far: registers of one page mostly share a few */
    private Row row(Handle h, Register register, Map<String, Location> locations) {
        Location location = locations.computeIfAbsent(register.locationId(), id -> Locations.find(h, id)
                .orElseThrow(() -> new IllegalStateException("register " + register.id() + " has no location " + id)));
        return new Row(register, location, units.current(h, register.id()), statuses.summary(h, register.id()));
    }
}
