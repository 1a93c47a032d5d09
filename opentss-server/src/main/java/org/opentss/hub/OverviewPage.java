package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /hub/}: the shown organization's setup at a glance, and the next step for a new customer. */
public final class OverviewPage implements HttpService {

    private final HubGuard guard;
    private final HubLayout layout;
    private final HubStatistics statistics;

    public OverviewPage(HubGuard guard, HubLayout layout, HubStatistics statistics) {
        this.guard = guard;
        this.layout = layout;
        this.statistics = statistics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub", guard.inOrganization(this::show));
    }

    private void show(ServerRequest req, ServerResponse res, HubContext ctx) {
        HubStatistics.Figures figures = statistics.of(ctx.org().id(), ctx.env());
        String cards = "<div class=\"cards\">"
                + card("TSS", figures.tss(), figures.tssInitialized() + " initialized", "/hub/tss", "tss")
                + card("Clients", figures.clients(), "registered", "/hub/clients", "clients")
                + card("Transactions today", figures.transactionsToday(), "since 00:00 UTC", "/hub/transactions",
                        "transactions")
                + card("Open exports", figures.openExports(), "pending or running", "/hub/exports", "exports")
                + "</div>";
        String next = figures.tss() == 0
                ? "<section class=\"card callout\"><h2>Get started</h2><p>This organization has no TSS in the "
                        + Html.esc(ctx.env().name()) + " environment yet. Provision one with a click: OpenTSS creates "
                        + "the TSS, sets its admin PIN, initializes it and registers your first cash register.</p>"
                        + "<p><a class=\"button\" href=\"/hub/tss/provision\">Provision a TSS</a> "
                        + "<a class=\"button secondary\" href=\"/hub/api-keys\">Create an API key</a></p></section>"
                : "";
        String body = "<div class=\"page-head\"><h1>" + Html.esc(ctx.org().name()) + "</h1>"
                + Html.environmentBadge(ctx.env()) + "</div>"
                + cards + next;
        HubReply.html(res, 200, layout.page(ctx, "/hub", "Overview", body));
    }

    private static String card(String label, long value, String detail, String href, String id) {
        return "<a class=\"card figure\" href=\"" + href + "\" data-figure=\"" + id + "\"><span class=\"figure-label\">"
                + Html.esc(label) + "</span><span class=\"figure-value\">" + value
                + "</span><span class=\"figure-detail\">" + Html.esc(detail) + "</span></a>";
    }
}
