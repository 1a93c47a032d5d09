package org.opentss.hub;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import org.opentss.config.HubSettings;
import org.opentss.export.ExportDownload;
import org.opentss.export.ExportRepository;
import org.opentss.export.ExportService;
import org.opentss.identity.HubAccounts;
import org.opentss.identity.HubSessions;
import org.opentss.identity.HubUserRepository;
import org.opentss.identity.OrganizationRepository;
import org.opentss.identity.OrganizationService;
import org.opentss.store.Database;
import org.opentss.tss.TssRepository;

/** The HUB's pages, wired from the parts of the application they show; the catch-all page comes last. */
public final class HubServices {

    private HubServices() {
    }

    /** What the HUB pages work with. */
    public record Parts(Database database, HubSettings settings, HubAccounts accounts, HubSessions sessions,
            HubUserRepository users, OrganizationRepository organizations, OrganizationService organizationService,
            TssRepository tsses, ExportService exportService, ExportRepository exports, ExportDownload exportDownload,
            Clock clock) {
    }

    public static List<HttpService> create(Parts parts) {
        HubLayout layout = new HubLayout();
        HubGuard guard = new HubGuard(parts.sessions(), parts.users(), parts.organizations(), layout, parts.clock());
        HubAssets assets = new HubAssets(layout);
        return List.of(
                assets,
                new AccountPages(guard, layout, parts.accounts(), parts.sessions(), parts.settings().signUpEnabled()),
                new OverviewPage(guard, layout, new HubStatistics(parts.database(), parts.clock())),
                new OrganizationPages(guard, layout, parts.organizationService(), parts.accounts(), parts.sessions()),
                new ExportPages(guard, layout, parts.exportService(), parts.exports(), parts.exportDownload(),
                        parts.tsses()),
                assets.notFoundPage());
    }
}
