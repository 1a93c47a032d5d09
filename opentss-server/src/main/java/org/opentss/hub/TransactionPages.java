package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.Tss;
import org.opentss.tss.TssRepository;
import org.opentss.tx.QrCodeData;
import org.opentss.tx.Transaction;
import org.opentss.tx.TransactionRepository;
import org.opentss.tx.TxRevision;
import org.opentss.tx.TxState;

/**
 * The shown organization's signed transactions: a filtered, paged list (newest first) and one transaction
 * with every signed revision and, once it has ended, its receipt QR code drawn and as text.
 */
public final class TransactionPages implements HttpService {

    private static final int PAGE_SIZE = 50;
    private static final int MAX_CHOICES = 500;
    private static final int REFRESH_SECONDS = 5;

    private final HubGuard guard;
    private final HubLayout layout;
    private final TransactionRepository transactions;
    private final TssRepository tsses;
    private final ClientRepository clients;

    public TransactionPages(HubGuard guard, HubLayout layout, TransactionRepository transactions, TssRepository tsses,
            ClientRepository clients) {
        this.guard = guard;
        this.layout = layout;
        this.transactions = transactions;
        this.tsses = tsses;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/transactions", guard.inOrganization(this::list))
                .get("/hub/transactions/{tss}/{tx}", guard.inOrganization(this::detail));
    }

    private void list(ServerRequest req, ServerResponse res, HubContext ctx) {
        Form filter = new Form(req.query());
        FormView view = new FormView(filter);
        Optional<String> tssId = filter.optional("tss");
        Optional<String> clientId = filter.optional("client");
        if (tssId.isPresent() && HubIds.uuid(tssId.get()).isEmpty()) {
            view.error("tss", "Not a TSS of this organization.");
        }
        if (clientId.isPresent() && HubIds.uuid(clientId.get()).isEmpty()) {
            view.error("client", "Not a client of this organization.");
        }
        Optional<TxState> state = filter.optional("state").flatMap(TransactionPages::state);
        if (filter.optional("state").isPresent() && state.isEmpty()) {
            view.error("state", "Choose ACTIVE, FINISHED or CANCELLED.");
        }
        Optional<Integer> requested = Pager.requested(filter);
        if (requested.isEmpty()) {
            view.error("page", "Not a page number.");
        }
        int page = requested.orElse(1);
        List<TransactionRepository.Listed> found = view.hasErrors() ? List.of()
                : transactions.list(ctx.org().id(), ctx.env(), tssId.flatMap(HubIds::uuid),
                        clientId.flatMap(HubIds::uuid), state.map(Set::of).orElse(Set.of()),
                        "time_start", true, PAGE_SIZE + 1, Pager.offset(page, PAGE_SIZE));
        boolean more = found.size() > PAGE_SIZE;
        StringBuilder rows = new StringBuilder();
        for (TransactionRepository.Listed listed : found.subList(0, Math.min(found.size(), PAGE_SIZE))) {
            Transaction tx = listed.transaction();
            rows.append("<tr><td><a href=\"").append(Html.esc(detailPath(tx))).append("\">#").append(tx.number())
                    .append("</a></td><td>").append(stateBadge(tx.state())).append("</td><td>")
                    .append(Html.esc(listed.latest().clientSerial())).append("</td><td>")
                    .append(Html.esc(tx.processType().orElse("—"))).append("</td><td><code>")
                    .append(Html.esc(shortId(tx.tssId()))).append("</code></td><td>").append(Html.time(tx.timeStart()))
                    .append("</td><td>").append(tx.timeEnd().isPresent() ? Html.time(tx.timeEnd().getAsLong()) : "—")
                    .append("</td></tr>");
        }
        String table = found.isEmpty()
                ? Html.emptyState("No transactions", page > 1 || tssId.isPresent() || clientId.isPresent()
                        || state.isPresent() ? "None match these filters." : "Cash registers sign sales with "
                        + "<code>PUT /api/v2/tss/{tss_id}/tx/{tx_id}</code>; they appear here as they arrive.")
                : "<div class=\"table-wrap\"><table><thead><tr><th>Number</th><th>State</th><th>Client</th>"
                        + "<th>Type</th><th>TSS</th><th>Started</th><th>Ended</th></tr></thead><tbody>" + rows
                        + "</tbody></table></div>" + Pager.links(filteredList(filter), page, more, "Pages of transactions");
        // the newest page follows new sales by itself; older pages stay put while someone reads them
        String live = page == 1 && !view.hasErrors()
                ? "<p class=\"muted\" data-refresh-seconds=\"" + REFRESH_SECONDS + "\">New transactions appear here "
                        + "by themselves.</p>" : "";
        String body = "<div class=\"page-head\"><h1>Transactions</h1></div>" + filters(ctx, view) + live + table;
        HubReply.html(res, view.hasErrors() ? 400 : 200, layout.page(ctx, "/hub/transactions", "Transactions", body));
    }

    private String filters(HubContext ctx, FormView view) {
        Map<String, String> tssChoices = new LinkedHashMap<>();
        tssChoices.put("", "All TSS");
        List<Tss> own = tsses.list(ctx.org().id(), ctx.env(), Set.of(), "time_creation", true, MAX_CHOICES, 0);
        own.forEach(tss -> tssChoices.put(tss.id(), shortId(tss.id())
                + (tss.description().isEmpty() ? "" : " · " + tss.description())));
        Map<String, String> clientChoices = new LinkedHashMap<>();
        clientChoices.put("", "All clients");
        clients.list(ctx.org().id(), ctx.env(), Optional.empty(), Optional.empty(), Optional.empty(), "serial_number",
                false, MAX_CHOICES, 0).forEach(c -> clientChoices.put(c.id(), c.serialNumber() + clientSuffix(c)));
        Map<String, String> states = new LinkedHashMap<>();
        states.put("", "All states");
        for (TxState s : TxState.values()) {
            states.put(s.name(), s.name());
        }
        return "<form class=\"filters\" method=\"get\" action=\"/hub/transactions\">" + view.summary()
                + view.select("tss", "TSS", tssChoices, "") + view.select("client", "Client", clientChoices, "")
                + view.select("state", "State", states, "")
                + "<button type=\"submit\" class=\"secondary\">Apply filters</button></form>";
    }

    private void detail(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<Tss> tss = HubIds.uuid(req.path().pathParameters().get("tss")).flatMap(tsses::find)
                .filter(t -> t.isVisibleTo(ctx.org().id(), ctx.env()));
        Optional<String> txId = HubIds.uuid(req.path().pathParameters().get("tx"));
        Optional<Transaction> found = tss.flatMap(t -> txId.flatMap(id -> transactions.read(h ->
                transactions.find(h, t.id(), id))));
        if (found.isEmpty()) {
            HubReply.html(res, 404, layout.notFound());
            return;
        }
        Transaction tx = found.get();
        List<TxRevision> revisions = transactions.read(h -> {
            List<TxRevision> all = new ArrayList<>();
            for (int r = 1; r <= tx.latestRevision(); r++) {
                transactions.revision(h, tx, r).ifPresent(all::add);
            }
            return all;
        });
        TxRevision latest = revisions.getLast();
        Optional<String> qr = tx.state().isEnded()
                ? QrCodeData.of(latest, tx.number(), tx.timeStart(), tss.get().publicKey()) : Optional.empty();
        String receipt = qr.map(data -> "<section class=\"card\"><h2>Receipt QR code</h2><div class=\"qr\" "
                + "data-qr-code>" + QrCodeSvg.of(data, "Receipt QR code of transaction " + tx.number()) + "</div>"
                + "<p class=\"secret-label\">QR code data</p><div class=\"secret-value\"><code id=\"qr-code-data\">"
                + Html.esc(data) + "</code><button type=\"button\" class=\"secondary small\" data-copy=\"qr-code-data\">"
                + "Copy</button></div></section>").orElse(tx.state().isEnded() ? ""
                : "<p class=\"muted\">The receipt QR code appears once the transaction is finished or cancelled.</p>");
        StringBuilder rows = new StringBuilder();
        for (TxRevision revision : revisions) {
            rows.append("<tr><td>").append(revision.revision()).append("</td><td>").append(revision.operation())
                    .append("</td><td>").append(revision.signatureCounter()).append("</td><td>")
                    .append(Html.time(revision.logTime())).append("</td><td>").append(Html.esc(revision.processType()))
                    .append("</td><td><code>").append(Html.esc(new String(revision.processData(), StandardCharsets.UTF_8)))
                    .append("</code></td></tr>");
        }
        String body = "<div class=\"page-head\"><h1>Transaction #" + tx.number() + "</h1>" + stateBadge(tx.state())
                + "</div><section class=\"card\"><dl class=\"facts\">"
                + Html.fact("Transaction ID", "<code>" + Html.esc(tx.id()) + "</code>")
                + Html.fact("TSS", "<a href=\"/hub/tss/" + Html.esc(tx.tssId()) + "\"><code>" + Html.esc(tx.tssId())
                        + "</code></a>")
                + Html.fact("Client", Html.esc(latest.clientSerial()) + " <code>" + Html.esc(tx.clientId()) + "</code>")
                + Html.fact("Type", Html.esc(tx.processType().orElse("—")))
                + Html.fact("Started", Html.time(tx.timeStart()))
                + Html.fact("Ended", tx.timeEnd().isPresent() ? Html.time(tx.timeEnd().getAsLong()) : "—")
                + "</dl></section>" + receipt
                + "<h2>Signed revisions</h2><div class=\"table-wrap\"><table><thead><tr><th>Revision</th>"
                + "<th>Log</th><th>Signature counter</th><th>Signed</th><th>Process type</th><th>Process data</th>"
                + "</tr></thead><tbody>" + rows + "</tbody></table></div>";
        HubReply.html(res, 200, layout.page(ctx, "/hub/transactions", "Transaction " + tx.number(), body));
    }

    /** The list's address with the filters of this page. */
    private static String filteredList(Form filter) {
        return "/hub/transactions?tss=" + queryValue(filter.text("tss")) + "&client=" + queryValue(filter.text("client"))
                + "&state=" + queryValue(filter.text("state"));
    }

    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String detailPath(Transaction tx) {
        return "/hub/transactions/" + tx.tssId() + "/" + tx.id();
    }

    private static String stateBadge(TxState state) {
        return Html.badge(state.name(), switch (state) {
            case FINISHED -> "ok";
            case ACTIVE -> "warn";
            case CANCELLED -> "off";
        });
    }

    private static String clientSuffix(Client client) {
        return client.state() == Client.ClientState.REGISTERED ? "" : " (deregistered)";
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }

    private static Optional<TxState> state(String text) {
        try {
            return Optional.of(TxState.valueOf(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
