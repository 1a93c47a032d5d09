package org.opentss.hub;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opentss.export.ExportDownload;
import org.opentss.export.ExportJob;
import org.opentss.export.ExportRepository;
import org.opentss.export.ExportService;
import org.opentss.export.ExportState;
import org.opentss.http.ApiError;
import org.opentss.tss.Tss;
import org.opentss.tss.TssRepository;

/**
 * {@code /hub/exports}: the exports of the shown organization's TSSs in the shown environment, starting one,
 * following it while it runs and downloading its archive. Every step goes through the export service the
 * TSS API uses (sign-de-v2.md §10), with the HUB user's organization and environment as the caller.
 */
public final class ExportPages implements HttpService {

    private static final String EXPORTS = "/hub/exports";
    private static final int PAGE_SIZE = 50;
    /** More TSSs than an organization keeps in one environment, so the choice and the names are complete. */
    private static final int MAX_TSS = 1000;

    private final HubGuard guard;
    private final HubLayout layout;
    private final ExportService service;
    private final ExportRepository exports;
    private final ExportDownload download;
    private final TssRepository tsses;

    public ExportPages(HubGuard guard, HubLayout layout, ExportService service, ExportRepository exports,
            ExportDownload download, TssRepository tsses) {
        this.guard = guard;
        this.layout = layout;
        this.service = service;
        this.exports = exports;
        this.download = download;
        this.tsses = tsses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(EXPORTS, guard.inOrganization((req, res, ctx) ->
                        HubReply.html(res, 200, page(req, ctx, new FormView(ctx.form())))))
                .post(EXPORTS, guard.inOrganization(this::trigger))
                .get(EXPORTS + "/{id}/status", guard.inOrganization((req, res, ctx) -> visible(req, ctx)
                        .ifPresentOrElse(job -> HubReply.json(res, ExportProgress.of(job).json()), () -> notFound(res))))
                .post(EXPORTS + "/{id}/cancel", guard.inOrganization(this::cancel))
                .get(EXPORTS + "/{id}/download", guard.inOrganization((req, res, ctx) -> visible(req, ctx)
                        .ifPresentOrElse(job -> {
                            HubReply.secure(res);
                            download.send(job, res);
                        }, () -> notFound(res))));
    }

    private void trigger(ServerRequest req, ServerResponse res, HubContext ctx) {
        FormView view = new FormView(ctx.form());
        Optional<ExportTriggerForm.Request> request = ExportTriggerForm.read(ctx.form(), view);
        if (request.isPresent()) {
            try {
                service.trigger(ctx.caller(), request.get().tssId(), UUID.randomUUID().toString(),
                        request.get().parameters());
                HubReply.redirect(res, EXPORTS);
                return;
            } catch (ApiError refused) {
                // every refusal of a well-formed trigger is about the TSS: its state, its open exports
                view.error(ExportTriggerForm.TSS, refused.getMessage() + ".");
            }
        }
        HubReply.html(res, 422, page(req, ctx, view));
    }

    /**
     * Cancels an open export. One that finished in the meantime stays as it is: the list then shows how it
     * ended, which is the answer the user needs.
     */
    private void cancel(ServerRequest req, ServerResponse res, HubContext ctx) {
        Optional<ExportJob> job = visible(req, ctx);
        if (job.isEmpty()) {
            notFound(res);
            return;
        }
        try {
            service.cancel(ctx.caller(), job.get().tssId(), job.get().id());
        } catch (ApiError alreadyEnded) {
            // E_CANCEL_EXPORT: no longer PENDING or WORKING
        }
        HubReply.redirect(res, EXPORTS);
    }

    /** The export the address names, if the shown organization and environment may see it. */
    private Optional<ExportJob> visible(ServerRequest req, HubContext ctx) {
        return HubIds.uuid(req.path().pathParameters().get("id")).flatMap(id -> service.findVisible(ctx.caller(), id));
    }

    private void notFound(ServerResponse res) {
        HubReply.html(res, 404, layout.notFound());
    }

    private String page(ServerRequest req, HubContext ctx, FormView view) {
        List<Tss> own = tsses.list(ctx.org().id(), ctx.env(), Set.of(), "time_creation", false, MAX_TSS, 0);
        // a refused form's page is the answer to a POST: when hub.js reloads it, it must fetch the list, not
        // send the form again and start the export that was just refused
        String replaceUrl = view.hasErrors() ? " data-replace-url=\"" + EXPORTS + "\"" : "";
        String head = "<div class=\"page-head\"" + replaceUrl + "><h1>Exports</h1></div>"
                + "<p class=\"muted\">An export is a TAR archive of a TSS's signed log messages and certificates in "
                + "the format of BSI TR-03151: what a tax audit asks for. Exports run in the background; this page "
                + "follows them until they are done.</p>";
        if (own.isEmpty()) {
            return layout.page(ctx, EXPORTS, "Exports", head + Html.emptyState("No TSS to export",
                    "This organization has no TSS in the " + Html.esc(ctx.env().name()) + " environment yet. "
                            + "<a href=\"/hub/tss/provision\">Provision a TSS</a>, sign some transactions, then "
                            + "export them here."));
        }
        // a page number that is none shows the newest exports, as a link that went stale would
        int pageNumber = Pager.requested(new Form(req.query())).orElse(1);
        List<ExportJob> jobs = exports.list(ctx.org().id(), ctx.env(), Optional.empty(), Set.of(), "time_request",
                true, PAGE_SIZE + 1, Pager.offset(pageNumber, PAGE_SIZE));
        Map<String, Tss> byId = own.stream().collect(Collectors.toMap(Tss::id, Function.identity()));
        String list;
        if (jobs.isEmpty()) {
            list = pageNumber == 1
                    ? Html.emptyState("No exports yet", "Start one above: choose a TSS and, if you need only part "
                            + "of its logs, a range of days or transaction numbers.")
                    : Html.emptyState("No exports on this page", "<a href=\"" + EXPORTS + "\">Show the newest</a>");
        } else {
            StringBuilder rows = new StringBuilder();
            jobs.stream().limit(PAGE_SIZE).forEach(job -> rows.append(row(ctx, job, byId.get(job.tssId()))));
            list = "<div class=\"table-wrap\"><table><thead><tr><th>Export</th><th>TSS</th><th>State</th>"
                    + "<th>Times</th><th>Log messages</th><th>Size</th><th>File</th></tr></thead><tbody>" + rows
                    + "</tbody></table></div>"
                    + Pager.links(EXPORTS, pageNumber, jobs.size() > PAGE_SIZE, "Pages of exports");
        }
        return layout.page(ctx, EXPORTS, "Exports", head + ExportTriggerForm.render(ctx, view, own)
                + "<h2>All exports</h2>" + list);
    }

    private String row(HubContext ctx, ExportJob job, Tss tss) {
        boolean completed = job.state() == ExportState.COMPLETED;
        String progressUrl = EXPORTS + "/" + job.id() + "/status";
        return "<tr data-export-id=\"" + Html.esc(job.id()) + "\""
                + (job.state().isOpen() ? " data-export-progress=\"" + Html.esc(progressUrl) + "\"" : "") + ">"
                + "<td><code>" + Html.esc(job.id()) + "</code></td>"
                + "<td>" + Html.esc(tss == null ? job.tssId() : tss.description()) + "<br><span class=\"muted\">"
                + Html.esc(ExportSelectionLabel.of(job.parameters())) + "</span></td>"
                + "<td>" + Html.badge(job.state().name(), badgeKind(job.state())) + "</td>"
                + "<td>" + times(job) + "</td>"
                + "<td>" + (completed ? job.logCount().orElse(0) : "—") + "</td>"
                + "<td>" + (completed ? Html.esc(size(job.fileSize().orElse(0))) : "—") + "</td>"
                + "<td>" + file(ctx, job) + "</td></tr>";
    }

    /** The last column: the progress of an open export, the download of a completed one, else what happened. */
    private String file(HubContext ctx, ExportJob job) {
        ExportProgress progress = ExportProgress.of(job);
        if (job.state().isOpen()) {
            return "<progress max=\"100\" value=\"" + progress.percent() + "\" aria-label=\"Progress of export "
                    + Html.esc(job.id()) + "\">" + progress.percent() + " %</progress> <span data-progress-text>"
                    + Html.esc(progress.text()) + "</span> <form method=\"post\" action=\"" + EXPORTS + "/"
                    + Html.esc(job.id()) + "/cancel\">" + Html.csrfField(ctx.csrf()) + "<button type=\"submit\" "
                    + "class=\"secondary small\" aria-label=\"Cancel export " + Html.esc(job.id()) + "\">Cancel</button>"
                    + "</form>";
        }
        if (download.isAvailable(job)) {
            return "<a href=\"" + EXPORTS + "/" + Html.esc(job.id()) + "/download\">Download</a>";
        }
        return Html.esc(job.state() == ExportState.COMPLETED ? "File expired" : progress.text());
    }

    /** When the export was requested, started and finished, and until when its file can be had. */
    private static String times(ExportJob job) {
        long finished = job.state() == ExportState.ERROR ? job.timeError().orElse(0) : job.timeEnd().orElse(0);
        String expires = job.state() == ExportState.COMPLETED
                ? "<dt>Expires</dt><dd>" + Html.time(job.timeExpiration().orElse(0)) + "</dd>" : "";
        return "<dl class=\"facts times\"><dt>Requested</dt><dd>" + Html.time(job.timeRequest()) + "</dd>"
                + "<dt>Started</dt><dd>" + Html.time(job.timeStart().orElse(0)) + "</dd>"
                + "<dt>Finished</dt><dd>" + Html.time(finished) + "</dd>" + expires + "</dl>";
    }

    private static String badgeKind(ExportState state) {
        return switch (state) {
            case COMPLETED -> "ok";
            case ERROR -> "warn";
            case PENDING, WORKING, CANCELLED -> "off";
        };
    }

    /** The archive's size in the unit people read best; number and unit stay on one line. */
    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + "\u00a0B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f\u00a0%s", value, units[unit]);
    }
}
