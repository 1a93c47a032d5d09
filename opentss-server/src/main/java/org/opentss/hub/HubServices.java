package org.opentss.hub;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.opentss.config.HubSettings;
import org.opentss.identity.ApiKeyRepository;
import org.opentss.identity.ApiKeyService;
import org.opentss.identity.BearerAuthenticator;
import org.opentss.export.ExportDownload;
import org.opentss.export.ExportRepository;
import org.opentss.export.ExportService;
import org.opentss.identity.HubAccounts;
import org.opentss.identity.HubSessions;
import org.opentss.identity.HubUserRepository;
import org.opentss.identity.OrganizationRepository;
import org.opentss.identity.OrganizationService;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.fiscal.FiscalUnitRepository;
import org.opentss.pos.register.RegisterKeys;
import org.opentss.pos.register.RegisterRepository;
import org.opentss.pos.register.RegisterStatuses;
import org.opentss.store.Database;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.TssRepository;
import org.opentss.tss.TssSetup;
import org.opentss.tx.TransactionRepository;

/** The HUB's pages, wired from the parts of the application they show; the catch-all page comes last. */
public final class HubServices {

    private HubServices() {
    }

    /** What the HUB pages work with. */
    public record Parts(Database database, HubSettings settings, HubAccounts accounts, HubSessions sessions,
            HubUserRepository users, OrganizationRepository organizations, OrganizationService organizationService,
            ApiKeyRepository apiKeys, ApiKeyService apiKeyService, BearerAuthenticator authenticator,
            TssRepository tsses, ClientRepository clients, TssSetup tssSetup, Supplier<byte[][]> caChain,
            TransactionRepository transactions, PosDirectory posDirectory, RegisterRepository registers,
            FiscalUnitRepository fiscalUnits, RegisterStatuses registerStatuses, RegisterKeys registerKeys,
            ExportService exportService, ExportRepository exports, ExportDownload exportDownload,
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
                new ApiKeyPages(guard, layout, parts.apiKeys(), parts.apiKeyService(), parts.authenticator()),
                new TssPages(guard, layout, parts.tsses(), parts.clients(), parts.tssSetup(), parts.caChain()),
                new ClientPages(guard, layout, parts.clients()),
                new TransactionPages(guard, layout, parts.transactions(), parts.tsses(), parts.clients()),
                new RegisterPages(guard, layout, new HubRegisters(parts.database(), parts.posDirectory(),
                        parts.registers(), parts.fiscalUnits(), parts.registerStatuses(), parts.registerKeys())),
                new ExportPages(guard, layout, parts.exportService(), parts.exports(), parts.exportDownload(),
                        parts.tsses()),
                new MemberPages(guard, layout, parts.accounts(), parts.sessions()),
                assets.notFoundPage());
    }
}
