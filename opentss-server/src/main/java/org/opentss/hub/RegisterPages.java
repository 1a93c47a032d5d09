package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opentss.pos.fiscal.FiscalUnit;
import org.opentss.pos.organization.Location;
import org.opentss.pos.register.Register;
import org.opentss.pos.register.RegisterKeys;
import org.opentss.pos.register.RegisterStatuses;

/**
 * {@code /hub/registers}: the POS registers of the shown organization and environment, each with its
 * heartbeat status and the fiscal unit (TSS and client) it signs with, and one register with the history
 * of its fiscal units. Registers are made by POS software through the POS API; these pages only show them.
 */
public final class RegisterPages implements HttpService {

    private static final int PAGE_SIZE = 50;
    private static final String DOCS = " See the <a href=\"/docs\">API documentation</a>.";

    private final HubGuard guard;
    private final HubLayout layout;
    private final HubRegisters registers;

    public RegisterPages(HubGuard guard, HubLayout layout, HubRegisters registers) {
        this.guard = guard;
        this.layout = layout;
        this.registers = registers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/registers", guard.inOrganization(this::list))
                .get("/hub/registers/{id}", guard.inOrganization(this::show));
    }

    private void list(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<String> before = req.query().first("before").asOptional();
        HubRegisters.Listing listing = registers.list(ctx.org().id(), ctx.env(), before, PAGE_SIZE);
        String posId = registers.posOrganizationId(ctx.org().id())
                .map(id -> " In the POS API this organization is <code>" + Html.esc(id) + "</code>.").orElse("");
        boolean managesOthers = ctx.visible().stream()
                .anyMatch(org -> org.managedBy().equals(Optional.of(ctx.org().id())));
        String managed = managesOthers ? " The registers of the organizations it manages are on their own pages: "
                + "switch to one in the header." : "";
        String intro = "<p class=\"muted\">The cash registers of " + Html.esc(ctx.org().name()) + " in the "
                + Html.esc(ctx.env().name()) + " environment, as POS software created them through the POS API, with "
                + "the fiscal unit each one signs with." + posId + managed + "</p>";
        String content;
        if (listing.rows().isEmpty() && before.isEmpty()) {
            content = Html.emptyState("No POS registers yet", "POS software creates registers through the POS API "
                    + "with a platform API key of this environment: <code>POST /v1/locations/{location_id}/registers"
                    + "</code>, then the fiscal unit that signs for each with <code>POST /v1/registers/{register_id}"
                    + "/fiscal-units</code>." + DOCS);
        } else {
            content = table(List.of("Register", "Location", "State", "Heartbeat", "Fiscal unit", "TSS", "TSS client"),
                    listing.rows(), RegisterPages::row) + pager(before.isPresent(), listing.next());
        }
        String body = "<div class=\"page-head\"><h1>POS registers</h1>" + Html.environmentBadge(ctx.env())
                + "</div>" + intro + content;
        HubReply.html(res, 200, layout.page(ctx, "/hub/registers", "POS registers", body));
    }

    /** Links to the newest registers (from a later page) and to the page after this one, if there are any. */
    private static String pager(boolean laterPage, Optional<String> next) {
        if (!laterPage && next.isEmpty()) {
            return "";
        }
        return "<nav class=\"pager\" aria-label=\"Pages\">"
                + (laterPage ? "<a href=\"/hub/registers\">Newest registers</a>" : "")
                + next.map(id -> "<a href=\"/hub/registers?before=" + Html.esc(id) + "\">Older registers</a>")
                        .orElse("")
                + "</nav>";
    }

    private static String row(HubRegisters.Row row) {
        Register register = row.register();
        Optional<FiscalUnit> unit = row.currentUnit();
        return "<tr data-register=\"" + Html.esc(register.id()) + "\"><td><a href=\"/hub/registers/"
                + Html.esc(register.id()) + "\">" + Html.esc(register.label()) + "</a><div class=\"muted\">"
                + code(register.serialNumber()) + "</div></td>"
                + "<td>" + Html.esc(row.location().name()) + "<div class=\"muted\">"
                + Html.esc(row.location().address().city()) + "</div></td>"
                + "<td>" + stateBadge(register) + "</td>"
                + "<td>" + heartbeat(row.status()) + "</td>"
                + "<td>" + unit.map(RegisterPages::unitBadge).orElse("<span class=\"muted\">none</span>") + "</td>"
                + "<td>" + tssLink(unit.flatMap(FiscalUnit::tssId)) + "</td>"
                + "<td>" + optionalCode(unit.flatMap(FiscalUnit::tssClientId)) + "</td></tr>";
    }

    private void show(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<HubRegisters.Detail> found = registers.find(ctx.org().id(), ctx.env(),
                req.path().pathParameters().get("id"));
        if (found.isEmpty()) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        HubRegisters.Detail detail = found.get();
        Register register = detail.row().register();
        Location location = detail.row().location();
        String archived = register.archivedAt().isPresent()
                ? "<dt>Archived</dt><dd>" + millis(register.archivedAt()) + "</dd>" : "";
        String facts = "<section class=\"card\"><dl class=\"facts\">"
                + "<dt>Serial number</dt><dd>" + code(register.serialNumber()) + "</dd>"
                + "<dt>Location</dt><dd>" + Html.esc(location.name()) + "<div class=\"muted\">"
                + Html.esc(location.address().line1()) + ", " + Html.esc(location.address().postalCode()) + " "
                + Html.esc(location.address().city()) + "</div></dd>"
                + "<dt>Heartbeat</dt><dd>" + heartbeat(detail.row().status()) + "</dd>"
                + "<dt>Register API key</dt><dd>" + credential(detail.credential()) + "</dd>"
                + "<dt>Register ID</dt><dd>" + code(register.id()) + "</dd>"
                + "<dt>Location ID</dt><dd>" + code(location.id()) + "</dd>"
                + "<dt>Created</dt><dd>" + Html.time(register.createdAt() / 1000) + "</dd>" + archived
                + "</dl></section>";
        String units;
        if (detail.units().isEmpty()) {
            units = Html.emptyState("No fiscal unit yet", "The register signs nothing until POS software provisions "
                    + "its fiscal unit with <code>POST /v1/registers/" + Html.esc(register.id()) + "/fiscal-units"
                    + "</code>." + DOCS);
        } else {
            units = table(List.of("Fiscal unit", "State", "TSS and client", "Provisioned", "Decommissioned", "Reason"),
                    detail.units(), RegisterPages::unitRow)
                    + (detail.moreUnits() ? "<p class=\"muted\">The newest " + HubRegisters.MAX_UNITS
                            + " fiscal units are shown; the POS API lists all of them.</p>" : "");
        }
        String body = "<p><a href=\"/hub/registers\">All POS registers</a></p>"
                + "<div class=\"page-head\"><h1>" + Html.esc(register.label()) + "</h1>" + stateBadge(register)
                + "</div>" + facts
                + "<h2>Fiscal units</h2><p class=\"muted\">Newest first. The register signs only with an active unit; "
                + "replaced and decommissioned units stay here, so it remains clear which TSS signed what.</p>" + units;
        HubReply.html(res, 200, layout.page(ctx, "/hub/registers", register.label(), body));
    }

    private static String unitRow(FiscalUnit unit) {
        return "<tr data-fiscal-unit=\"" + Html.esc(unit.id()) + "\"><td>" + code(unit.id()) + "</td>"
                + "<td>" + unitBadge(unit) + "</td>"
                + "<td>" + tssLink(unit.tssId()) + "<div class=\"muted\">client "
                + optionalCode(unit.tssClientId()) + "</div></td>"
                + "<td>" + millis(unit.provisionedAt()) + "</td>"
                + "<td>" + millis(unit.decommissionedAt()) + "</td>"
                + "<td>" + Html.esc(unit.reason().orElse("—")) + "</td></tr>";
    }

    /** A table with one row per item; the headings are the page's own text. */
    private static <T> String table(List<String> headings, List<T> items, Function<T, String> row) {
        return "<div class=\"table-wrap\"><table><thead><tr>"
                + headings.stream().map(heading -> "<th>" + heading + "</th>").collect(Collectors.joining())
                + "</tr></thead><tbody>" + items.stream().map(row).collect(Collectors.joining())
                + "</tbody></table></div>";
    }

    private static String heartbeat(RegisterStatuses.Summary status) {
        String kind = switch (status.status()) {
            case "operational" -> "ok";
            case "degraded", "offline" -> "warn";
            default -> "off";
        };
        String last = status.lastHeartbeatAt().isPresent()
                ? "last heartbeat " + millis(status.lastHeartbeatAt()) : "no heartbeat received";
        return Html.badge(status.status(), kind) + "<div class=\"muted\">" + last + "</div>";
    }

    private static String credential(Optional<RegisterKeys.Credential> credential) {
        if (credential.isEmpty()) {
            return "<span class=\"muted\">none: POS software reaches this register with a platform API key</span>";
        }
        OptionalLong lastUsed = credential.get().lastUsedAt();
        return "issued " + Html.time(credential.get().issuedAt() / 1000) + "<div class=\"muted\">"
                + (lastUsed.isPresent() ? "last used " + millis(lastUsed) : "not used yet") + "</div>";
    }

    private static String stateBadge(Register register) {
        return register.archived() ? Html.badge("archived", "off") : Html.badge("active", "ok");
    }

    private static String unitBadge(FiscalUnit unit) {
        String kind = switch (unit.state()) {
            case ACTIVE -> "ok";
            case PROVISIONING, ERROR -> "warn";
            case DECOMMISSIONED -> "off";
        };
        return Html.badge(unit.state().wire(), kind);
    }

    /** A POS time (Unix milliseconds) as the HUB shows times. */
    private static String millis(OptionalLong epochMillis) {
        return epochMillis.isPresent() ? Html.time(epochMillis.getAsLong() / 1000) : "—";
    }

    private static String code(String value) {
        return "<code>" + Html.esc(value) + "</code>";
    }

    /** The TSS a fiscal unit signs with, linked to its page (the unit's TSS is the register's organization's). */
    private static String tssLink(Optional<String> tssId) {
        return tssId.map(id -> "<a href=\"/hub/tss/" + Html.esc(id) + "\">" + code(id) + "</a>")
                .orElse("<span class=\"muted\">—</span>");
    }

    private static String optionalCode(Optional<String> value) {
        return value.map(RegisterPages::code).orElse("<span class=\"muted\">—</span>");
    }
}
