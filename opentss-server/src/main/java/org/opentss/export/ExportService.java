package org.opentss.export;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.opentss.config.TssSettings;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;
import org.opentss.http.Metadata;
import org.opentss.identity.Caller;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.Tss;
import org.opentss.tss.TssService;
import org.opentss.tss.TssState;
import org.opentss.tss.TssTransactions;
import tools.jackson.databind.node.ObjectNode;

/** Triggering, reading and cancelling exports (sign-de-v2.md §10). The work itself is the {@link ExportWorker}'s. */
public final class ExportService {

    private final TssTransactions transactions;
    private final TssService tssService;
    private final ClientRepository clients;
    private final ExportRepository exports;
    private final ExportWorker worker;
    private final TssSettings settings;
    private final Clock clock;

    public ExportService(TssTransactions transactions, TssService tssService, ClientRepository clients,
            ExportRepository exports, ExportWorker worker, TssSettings settings, Clock clock) {
        this.transactions = transactions;
        this.tssService = tssService;
        this.clients = clients;
        this.exports = exports;
        this.worker = worker;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code PUT …/export/{id}}, checks in the order of §10.1. Writes no log and changes no counter. */
    public ExportJob trigger(Caller caller, String tssId, String exportId, ExportParameters parameters) {
        ExportJob job = transactions.inLockedTss(caller, tssId, (h, tss) -> {
            if (exports.find(h, exportId).isPresent()) {
                throw ApiError.of(ErrorCode.E_DUPLICATE_EXPORT, "export_id " + exportId + " is already used");
            }
            if (tss.state() == TssState.CREATED || tss.state() == TssState.UNINITIALIZED) {
                throw ApiError.of(ErrorCode.E_TSS_ILLEGAL_STATE_TO_PERFORM_EXPORT,
                        "a TSS in state " + tss.state() + " has no data to export");
            }
            checkNamedResources(h, tss, parameters);
            List<ExportJob> open = exports.openExports(h, tss.id());
            if (open.stream().anyMatch(e -> e.parameters().effective().equals(parameters.effective()))) {
                throw ApiError.of(ErrorCode.E_EXPORT_DUPLICATE_RATE_LIMITED,
                        "an export with the same parameters is already PENDING or WORKING");
            }
            if (open.size() >= settings.maxOpenExportsPerTss()) {
                throw ApiError.of(ErrorCode.E_TOO_MANY_EXPORTS, "this TSS already has "
                        + settings.maxOpenExportsPerTss() + " exports PENDING or WORKING");
            }
            ExportJob created = new ExportJob(exportId, tss.id(), ExportState.PENDING, parameters, Optional.empty(),
                    OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    Optional.empty(), clock.instant().getEpochSecond(), OptionalLong.empty(),
                    OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    Map.of());
            exports.insert(h, created);
            return created;
        });
        worker.wakeUp();
        return job;
    }

    private void checkNamedResources(Handle h, Tss tss, ExportParameters parameters) {
        if (parameters.clientId().isPresent()) {
            Optional<Client> client = clients.find(h, parameters.clientId().get()).filter(c -> c.tssId().equals(tss.id()));
            if (client.isEmpty()) {
                throw ApiError.of(400, ErrorCode.E_CLIENT_NOT_FOUND, "client_id is not a client of this TSS");
            }
        } else if (parameters.transactionNumber().isPresent()) {
            long number = parameters.transactionNumber().getAsLong();
            if (number == 0 || number > tss.transactionCounter()) {
                throw ApiError.of(400, ErrorCode.E_TX_NOT_FOUND, "transaction " + number + " was never started");
            }
        }
    }

    /** The export {@code exportId} of a visible TSS; 404 for an unknown TSS, then for an unknown export. */
    public ExportJob find(Caller caller, String tssId, String exportId) {
        tssService.find(caller, tssId).orElseThrow(TssTransactions::tssNotFound);
        return exports.find(exportId).filter(e -> e.tssId().equals(tssId)).orElseThrow(ExportService::exportNotFound);
    }

    /**
     * The export {@code exportId} if its TSS is visible to the caller, for pages whose addresses name the
     * export alone (the HUB): another organization's export is as absent as an unknown one.
     */
    public Optional<ExportJob> findVisible(Caller caller, String exportId) {
        return exports.find(exportId).filter(e -> tssService.find(caller, e.tssId()).isPresent());
    }

    /** {@code DELETE …/export/{id}}: cancels an open export (§10.5). */
    public ExportJob cancel(Caller caller, String tssId, String exportId) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            ExportJob job = exports.find(h, exportId).filter(e -> e.tssId().equals(tss.id()))
                    .orElseThrow(ExportService::exportNotFound);
            if (!exports.cancel(h, job.id(), clock.instant().getEpochSecond())) {
                throw ApiError.of(ErrorCode.E_CANCEL_EXPORT, "export is " + job.state()
                        + "; only PENDING or WORKING exports can be cancelled");
            }
            return exports.find(h, job.id()).orElseThrow();
        });
    }

    public Map<String, String> updateMetadata(Caller caller, String tssId, String exportId, ObjectNode change) {
        return transactions.inLockedTss(caller, tssId, (h, tss) -> {
            ExportJob job = exports.find(h, exportId).filter(e -> e.tssId().equals(tss.id()))
                    .orElseThrow(ExportService::exportNotFound);
            Map<String, String> merged = Metadata.merge(job.metadata(), change, "body");
            exports.setMetadata(h, job.id(), merged);
            return merged;
        });
    }

    public static ApiError exportNotFound() {
        return ApiError.of(ErrorCode.E_EXPORT_NOT_FOUND, "Export not found");
    }
}
