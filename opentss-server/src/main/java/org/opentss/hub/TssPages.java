package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.opentss.identity.Caller;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.Tss;
import org.opentss.tss.TssRepository;
import org.opentss.tss.TssRules;
import org.opentss.tss.TssSetup;
import org.opentss.tss.TssState;

/**
 * The shown organization's TSSs in the shown environment: the list, one TSS with its state, serial number,
 * counters and clients, its certificate as a download, and the one-click provisioning wizard.
 */
public final class TssPages implements HttpService {

    private static final int MAX_LISTED = 500;
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final HubGuard guard;
    private final HubLayout layout;
    private final TssRepository tsses;
    private final ClientRepository clients;
    private final TssSetup setup;
    /** The issuing CA and the root, which every TSS certificate chains to (tse-formats.md §8.5). */
    private final Supplier<byte[][]> caChain;

    public TssPages(HubGuard guard, HubLayout layout, TssRepository tsses, ClientRepository clients, TssSetup setup,
            Supplier<byte[][]> caChain) {
        this.guard = guard;
        this.layout = layout;
        this.tsses = tsses;
        this.clients = clients;
        this.setup = setup;
        this.caChain = caChain;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/tss", guard.inOrganization(this::list))
                .get("/hub/tss/provision", guard.inOrganization((req, res, ctx) ->
                        HubReply.html(res, 200, wizard(ctx, new FormView(ctx.form())))))
                .post("/hub/tss/provision", guard.inOrganization(this::provision))
                .get("/hub/tss/{id}", guard.inOrganization(this::detail))
                .get("/hub/tss/{id}/certificate.pem", guard.inOrganization(this::certificate));
    }

    private void list(ServerRequest req, ServerResponse res, HubContext ctx) {
        List<Tss> found = tsses.list(ctx.org().id(), ctx.env(), Set.of(), "time_creation", true, MAX_LISTED, 0);
        StringBuilder rows = new StringBuilder();
        for (Tss tss : found) {
            rows.append("<tr><td><a href=\"/hub/tss/").append(Html.esc(tss.id())).append("\"><code>")
                    .append(Html.esc(tss.id())).append("</code></a>")
                    .append(tss.description().isEmpty() ? "" : "<br><span class=\"muted\">" + Html.esc(tss.description())
                            + "</span>")
                    .append("</td><td>").append(stateBadge(tss.state())).append("</td><td><code>")
                    .append(Html.esc(shortSerial(tss.serialNumber()))).append("</code></td><td>")
                    .append(tss.numberRegisteredClients()).append("</td><td>").append(tss.signatureCounter())
                    .append("</td><td>").append(tss.transactionCounter()).append("</td><td>")
                    .append(Html.time(tss.timeCreation())).append("</td></tr>");
        }
        String table = found.isEmpty()
                ? Html.emptyState("No TSS in " + ctx.env().name() + " yet",
                        "<a class=\"button\" href=\"/hub/tss/provision\">Provision a TSS</a> with one click, or create one "
                                + "through the TSS API (<code>PUT /api/v2/tss/{id}</code>).")
                : "<div class=\"table-wrap\"><table><thead><tr><th>TSS</th><th>State</th><th>Serial number</th>"
                        + "<th>Clients</th><th>Signatures</th><th>Transactions</th><th>Created</th></tr></thead><tbody>"
                        + rows + "</tbody></table></div>";
        String body = "<div class=\"page-head\"><h1>TSS</h1>"
                + "<a class=\"button\" href=\"/hub/tss/provision\">Provision a TSS</a></div>" + table;
        HubReply.html(res, 200, layout.page(ctx, "/hub/tss", "TSS", body));
    }

    private void detail(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<Tss> found = ownTss(req, ctx);
        if (found.isEmpty()) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        Tss tss = found.get();
        List<Client> registered = clients.list(ctx.org().id(), ctx.env(), Optional.of(tss.id()), Optional.empty(),
                Optional.empty(), "time_creation", false, MAX_LISTED, 0);
        StringBuilder clientRows = new StringBuilder();
        for (Client client : registered) {
            clientRows.append("<tr><td>").append(Html.esc(client.serialNumber())).append("</td><td><code>")
                    .append(Html.esc(client.id())).append("</code></td><td>")
                    .append(Html.badge(client.state().name(), client.state() == Client.ClientState.REGISTERED ? "ok" : "off"))
                    .append("</td><td><a href=\"/hub/transactions?client=").append(Html.esc(client.id()))
                    .append("\">Transactions</a></td></tr>");
        }
        String clientTable = registered.isEmpty()
                ? Html.emptyState("No clients", "Register a cash register with <code>PUT /api/v2/tss/" + Html.esc(tss.id())
                        + "/client/{client_id}</code> in an admin session.")
                : "<div class=\"table-wrap\"><table><thead><tr><th>Serial number</th><th>Client ID</th><th>State</th>"
                        + "<th></th></tr></thead><tbody>" + clientRows + "</tbody></table></div>";
        String body = "<div class=\"page-head\"><h1>TSS <code>" + Html.esc(tss.id()) + "</code></h1>"
                + stateBadge(tss.state()) + "</div>"
                + "<section class=\"card\"><dl class=\"facts\">"
                + Html.fact("Serial number", "<code>" + Html.esc(tss.serialNumber()) + "</code>")
                + Html.fact("Description", tss.description().isEmpty() ? "—" : Html.esc(tss.description()))
                + Html.fact("Environment", Html.esc(tss.env().name()))
                + Html.fact("Signature counter", Long.toString(tss.signatureCounter()))
                + Html.fact("Transaction counter", Long.toString(tss.transactionCounter()))
                + Html.fact("Registered clients", tss.numberRegisteredClients() + " of " + tss.maxRegisteredClients())
                + Html.fact("Active transactions", tss.numberActiveTransactions() + " of " + tss.maxActiveTransactions())
                + Html.fact("Public key", "<code>" + Html.esc(Base64.getEncoder().encodeToString(tss.publicKey())) + "</code>")
                + Html.fact("Certificate valid until", Html.time(tss.certificateNotAfter()))
                + Html.fact("Created", Html.time(tss.timeCreation()))
                + Html.fact("Initialized", tss.timeInit().isPresent() ? Html.time(tss.timeInit().getAsLong()) : "—")
                + "</dl><p><a class=\"button secondary\" href=\"/hub/tss/" + Html.esc(tss.id())
                + "/certificate.pem\" download>Download certificate (PEM)</a> "
                + "<a class=\"button secondary\" href=\"/hub/transactions?tss=" + Html.esc(tss.id())
                + "\">Transactions</a> <a class=\"button secondary\" href=\"/hub/exports\">Exports</a></p></section>"
                + "<h2>Clients</h2>" + clientTable;
        HubReply.html(res, 200, layout.page(ctx, "/hub/tss", "TSS " + tss.id(), body));
    }

    /** The TSS certificate followed by the issuing CA and the root, as one PEM file a verifier can load. */
    private void certificate(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<Tss> found = ownTss(req, ctx);
        if (found.isEmpty()) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        StringBuilder pem = new StringBuilder(pem(found.get().certificate()));
        for (byte[] ca : caChain.get()) {
            pem.append(pem(ca));
        }
        HubReply.download(res, "application/x-pem-file", "tss-" + found.get().id() + ".pem",
                pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void provision(ServerRequest req, ServerResponse res, HubContext ctx) {
        Form form = ctx.form();
        FormView view = new FormView(form);
        String pin = form.optional("admin_pin").isPresent() ? form.raw("admin_pin") : setup.randomPin();
        TssRules.adminPinViolation(pin).ifPresent(rule -> view.error("admin_pin", "The PIN " + rule + "."));
        String serial = form.text("client_serial");
        if (!TssRules.isClientSerial(serial)) {
            view.error("client_serial", "The serial number " + TssRules.CLIENT_SERIAL_RULE + ".");
        }
        if (view.hasErrors()) {
            HubReply.html(res, 422, wizard(ctx, view));
            return;
        }
        Caller caller = ctx.caller();
        TssSetup.Provisioned done = setup.provision(caller, pin, serial);
        // shown on the answer to the form only; the script turns the address into the TSS page's
        String body = "<div class=\"page-head\"><h1>Your TSS is ready</h1>" + stateBadge(done.tss().state()) + "</div>"
                + "<section class=\"secret\" role=\"status\" data-replace-url=\"/hub/tss/" + Html.esc(done.tss().id())
                + "\"><h2>Admin PUK and PIN</h2><p><strong>Write them down now. They are shown only this once:</strong> "
                + "OpenTSS keeps only hashes. You need the PIN to register more clients or disable the TSS, and the PUK "
                + "to set a new PIN.</p>"
                + "<p class=\"secret-label\">Admin PUK</p><div class=\"secret-value\"><code id=\"new-admin-puk\">"
                + Html.esc(done.adminPuk()) + "</code><button type=\"button\" class=\"secondary small\" "
                + "data-copy=\"new-admin-puk\">Copy PUK</button></div>"
                + "<p class=\"secret-label\">Admin PIN</p><div class=\"secret-value\"><code id=\"new-admin-pin\">"
                + Html.esc(done.adminPin()) + "</code><button type=\"button\" class=\"secondary small\" "
                + "data-copy=\"new-admin-pin\">Copy PIN</button></div></section>"
                + "<section class=\"card\"><dl class=\"facts\">"
                + Html.fact("TSS ID", "<code id=\"new-tss-id\">" + Html.esc(done.tss().id()) + "</code>")
                + Html.fact("Serial number", "<code>" + Html.esc(done.tss().serialNumber()) + "</code>")
                + Html.fact("Client", Html.esc(done.client().serialNumber()))
                + Html.fact("Client ID", "<code id=\"new-client-id\">" + Html.esc(done.client().id()) + "</code>")
                + "</dl><p>Sign transactions with <code>PUT /api/v2/tss/{tss_id}/tx/{tx_id}</code> using this client. "
                + "<a href=\"/hub/tss/" + Html.esc(done.tss().id()) + "\">Open the TSS</a></p></section>";
        HubReply.html(res, 200, layout.page(ctx, "/hub/tss", "TSS ready", body));
    }

    private String wizard(HubContext ctx, FormView view) {
        String body = "<div class=\"page-head\"><h1>Provision a TSS</h1></div>"
                + "<section class=\"card\"><p>One click does the whole getting-started flow in the "
                + Html.esc(ctx.env().name()) + " environment of " + Html.esc(ctx.org().name()) + ":</p><ol>"
                + "<li>creates a TSS with its own key and certificate,</li><li>sets the admin PIN with the PUK,</li>"
                + "<li>initializes it,</li><li>registers your first cash register as a client.</li></ol>"
                + view.summary() + "<form method=\"post\" action=\"/hub/tss/provision\" novalidate>"
                + Html.csrfField(ctx.csrf())
                + view.input("client_serial", "Serial number of the first cash register", "text", true,
                        "As printed on the register or its software, e.g. KASSE-01.",
                        ctx.form().optional("client_serial").orElse("KASSE-01"))
                + view.input("admin_pin", "Admin PIN", "password", false,
                        "6 to 64 characters. Leave empty and OpenTSS picks a random 10-digit PIN.")
                + "<button type=\"submit\">Provision TSS</button></form></section>";
        return layout.page(ctx, "/hub/tss", "Provision a TSS", body);
    }

    /** The TSS in the path if it is the shown organization's and environment's; another's is as unknown as none. */
    private Optional<Tss> ownTss(ServerRequest req, HubContext ctx) {
        return HubIds.uuid(req.path().pathParameters().get("id")).flatMap(tsses::find)
                .filter(tss -> tss.isVisibleTo(ctx.org().id(), ctx.env()));
    }

    private static String stateBadge(TssState state) {
        String kind = switch (state) {
            case INITIALIZED -> "ok";
            case CREATED, UNINITIALIZED -> "warn";
            default -> "off";
        };
        return Html.badge(state.name(), kind);
    }

    /** Serial numbers are 64 hex digits; the list shows the start, the detail page all of it. */
    private static String shortSerial(String serial) {
        return serial.length() > 16 ? serial.substring(0, 16) + "…" : serial;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }
}
