package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;

/** The clients (cash registers) of the shown organization's TSSs, optionally of one TSS. */
public final class ClientPages implements HttpService {

    private static final int MAX_LISTED = 1000;
    /** An id no TSS has, for a filter that names none. */
    private static final String NO_TSS = "00000000-0000-0000-0000-000000000000";

    private final HubGuard guard;
    private final HubLayout layout;
    private final ClientRepository clients;

    public ClientPages(HubGuard guard, HubLayout layout, ClientRepository clients) {
        this.guard = guard;
        this.layout = layout;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/clients", guard.inOrganization(this::list));
    }

    private void list(ServerRequest req, ServerResponse res, HubContext ctx) {
        // a TSS filter that is no TSS id selects nothing, like the id of a TSS the organization does not have
        Optional<String> tssFilter = new Form(req.query()).optional("tss");
        Optional<String> tssId = tssFilter.map(raw -> HubIds.uuid(raw).orElse(NO_TSS));
        List<Client> found = clients.list(ctx.org().id(), ctx.env(), tssId, Optional.empty(), Optional.empty(),
                "time_creation", true, MAX_LISTED, 0);
        StringBuilder rows = new StringBuilder();
        for (Client client : found) {
            rows.append("<tr><td>").append(Html.esc(client.serialNumber())).append("</td><td><code>")
                    .append(Html.esc(client.id())).append("</code></td><td>")
                    .append(Html.badge(client.state().name(), client.state() == Client.ClientState.REGISTERED ? "ok" : "off"))
                    .append("</td><td><a href=\"/hub/tss/").append(Html.esc(client.tssId())).append("\"><code>")
                    .append(Html.esc(client.tssId())).append("</code></a></td><td>")
                    .append(Html.time(client.timeCreation())).append("</td><td><a href=\"/hub/transactions?client=")
                    .append(Html.esc(client.id())).append("\">Transactions</a></td></tr>");
        }
        String table = found.isEmpty()
                ? Html.emptyState("No clients in " + ctx.env().name() + " yet", "A client is a cash register registered "
                        + "on a TSS. <a href=\"/hub/tss/provision\">Provision a TSS</a> to register the first one.")
                : "<div class=\"table-wrap\"><table><thead><tr><th>Serial number</th><th>Client ID</th><th>State</th>"
                        + "<th>TSS</th><th>Registered</th><th></th></tr></thead><tbody>" + rows + "</tbody></table></div>";
        HubReply.html(res, 200, layout.page(ctx, "/hub/clients", "Clients",
                "<div class=\"page-head\"><h1>Clients</h1></div>" + table));
    }
}
