package org.opentss.pos.sale;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.opentss.http.ApiError;
import org.opentss.http.Json;
import org.opentss.http.PosError;
import org.opentss.http.PosIds;
import org.opentss.identity.Caller;
import org.opentss.identity.Environment;
import org.opentss.journal.JournalException;
import org.opentss.pos.PosDirectory;
import org.opentss.pos.PosResponse;
import org.opentss.pos.fiscal.FiscalUnit;
import org.opentss.pos.fiscal.FiscalUnitRepository;
import org.opentss.pos.fiscal.FiscalUnitState;
import org.opentss.pos.register.Register;
import org.opentss.pos.register.RegisterRepository;
import org.opentss.pos.sale.Operation.State;
import org.opentss.store.Database;
import org.opentss.store.UniqueViolation;
import org.opentss.tss.Tss;
import org.opentss.tss.TssTransactions;
import org.opentss.tx.JsonCanonicalizer;
import org.opentss.tx.TransactionService;
import tools.jackson.databind.node.ObjectNode;

/**
 * The steps of a sale (pos-api.md §15.6). Every step that changes an operation runs in one database
 * transaction holding the lock of the operation's TSS, in which it reads the operation afresh, checks it,
 * signs through the TSS layer and writes the operation: the operation and the TSE log it signed commit
 * together, and the requests for one operation (indeed one TSS) take turns (§5.3). A TSE failure rolls the
 * step back; a second transaction then records it on the operation, which the retry resumes (§15.2).
 */
public final class SaleService {

    private static final String START_FAILED = "The TSE could not sign the start of the sale. The sale was "
            + "recorded and can be retried.";
    private static final String COMPLETE_FAILED = "The TSE could not sign the completion of the sale. The sale is "
            + "still open; retry the completion.";
    private static final String CANCEL_FAILED = "The TSE could not sign the cancellation of the sale. The sale is "
            + "still open; retry the cancellation.";

    private final Database database;
    private final TssTransactions tssTransactions;
    private final TransactionService transactions;
    private final PosDirectory directory;
    private final PosIds ids;
    private final Clock clock;
    private final int maxOpenPerRegister;
    private final RegisterRepository registers = new RegisterRepository();
    private final FiscalUnitRepository fiscalUnits = new FiscalUnitRepository();
    private final OperationRepository operations = new OperationRepository();

    /** @param maxOpenPerRegister open operations a register may have at once (§15.2) */
    public SaleService(Database database, TssTransactions tssTransactions, TransactionService transactions,
            PosDirectory directory, PosIds ids, Clock clock, int maxOpenPerRegister) {
        this.database = database;
        this.tssTransactions = tssTransactions;
        this.transactions = transactions;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
        this.maxOpenPerRegister = maxOpenPerRegister;
    }

    /** Records what a TSE failure leaves behind and names the operation it concerns. */
    @FunctionalInterface
    private interface FailureRecord {
        String record(Handle h, Tss tss, TseFailure failure);
    }

    /**
     * {@code POST /v1/registers/{register_id}/sales}, checks in the order of §15.6.1.
     *
     * @param resumed the operation that an attempt with the same Idempotency-Key created before it failed
     */
    PosResponse start(Register register, ObjectNode body, Optional<String> resumed) {
        long receivedAt = clock.millis();
        if (register.archived()) {
            throw PosError.conflict("register_archived", "The register is archived; it accepts no sales.");
        }
        FiscalUnit unit = read(h -> fiscalUnits.current(h, register.id())).filter(SaleService::isActive)
                .orElseThrow(() -> PosError.conflict("fiscal_unit_not_active", "The register has no active fiscal "
                        + "unit. Create, recover or replace its fiscal unit, then retry."));
        SaleRequests.Start request = SaleRequests.start(body, Instant.ofEpochMilli(receivedAt), ids);
        String payload = JsonCanonicalizer.canonicalize(body);
        Optional<Operation> resumedOperation = resumed.flatMap(id -> read(h -> operations.find(h, id)));
        if (resumedOperation.isPresent()) {
            return retryStart(resumedOperation.get(), 201, false);
        }
        String id = ids.next("op");
        Operation started;
        try {
            started = signNewSale(id, register, unit, request, payload, receivedAt);
        } catch (RuntimeException e) {
            if (request.clientOperationId().isEmpty() || !UniqueViolation.isCause(e)) {
                throw e;
            }
            // a sale with this client id was created a moment earlier on another register's TSS: it decides
            started = read(h -> sameClientOperation(h, register, request)).orElseThrow(() -> e);
        }
        if (!started.id().equals(id)) {
            return sameClientOperationAgain(started, register, payload);
        }
        return PosResponse.operation(201, started.render(), started.resourceVersion(), false);
    }

    /**
     * Creates the sale and signs its start in one step, unless a sale with its client id exists (returned
     * as it is). If the TSE fails, the sale is created without a start signature and answered 502.
     */
    private Operation signNewSale(String id, Register register, FiscalUnit unit, SaleRequests.Start request,
            String payload, long receivedAt) {
        String txId = UUID.randomUUID().toString();
        String tssId = unit.tssId().orElseThrow();
        return signing(register.organizationId(), register.env(), tssId, START_FAILED, (h, tss) -> {
            Optional<Operation> existing = sameClientOperation(h, register, request);
            if (existing.isPresent()) {
                return existing.get();
            }
            // the unit may have changed since it was read outside the lock
            FiscalUnit current = fiscalUnits.find(h, unit.id()).filter(SaleService::isActive)
                    .orElseThrow(SaleService::signingUnitNotActive);
            requireRoomForAnotherSale(h, register, tss);
            Operation op = newSale(h, id, register, current, tss, txId, request, payload, receivedAt);
            signStart(h, tss, op, current);
            operations.insert(h, op);
            return op;
        }, (h, tss, failure) -> {
            Optional<Operation> existing = sameClientOperation(h, register, request);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            Operation op = newSale(h, id, register, unit, tss, txId, request, payload, receivedAt);
            op.recordFailedStep();
            operations.insert(h, op);
            recordUnusable(h, unit.id(), failure);
            return id;
        });
    }

    private Optional<Operation> sameClientOperation(Handle h, Register register, SaleRequests.Start request) {
        return request.clientOperationId()
                .flatMap(clientId -> operations.findByClientId(h, register.organizationId(), register.env(), clientId));
    }

    /** A start whose client id names an existing operation (§5.3): the same start again, or a conflict. */
    private PosResponse sameClientOperationAgain(Operation existing, Register register, String payload) {
        if (!existing.registerId().equals(register.id())) {
            throw PosError.conflict("idempotency_key_conflict", "This id was already used for a sale on another "
                    + "register. Use a new id for a new sale.", "id");
        }
        if (!existing.startPayload().equals(payload)) {
            throw PosError.conflict("idempotency_key_conflict", "This id was already used to start a sale with a "
                    + "different payload. Use a new id for a new sale, or the original payload for a retry.", "id");
        }
        return retryStart(existing, 200, true);
    }

    /** Signs the start of an open operation whose start signature failed earlier; otherwise changes nothing. */
    private PosResponse retryStart(Operation op, int status, boolean replayed) {
        Operation current = op;
        if (!op.isStartSigned() && op.state() == State.OPEN) {
            current = signing(op, START_FAILED, (h, tss) -> {
                Operation fresh = operations.find(h, op.id()).orElseThrow();
                if (fresh.isStartSigned() || fresh.state() != State.OPEN) {
                    return fresh;
                }
                signStart(h, tss, fresh, signingUnit(h, fresh));
                fresh.nextVersion(clock.millis());
                operations.update(h, fresh);
                return fresh;
            }, failedStepOf(op));
        }
        return PosResponse.operation(status, current.render(), current.resourceVersion(), replayed);
    }

    /** {@code GET /v1/sales/{sale_id}}. */
    PosResponse retrieve(Operation op) {
        return PosResponse.operation(200, op.render(), op.resourceVersion(), false);
    }

    /** {@code PATCH /v1/sales/{sale_id}}: not a fiscal event, but it takes its turn like one (§5.3). */
    PosResponse update(Operation target, ObjectNode body, IfMatch ifMatch) {
        Operation updated = locked(target.organizationId(), target.env(), target.tssId(), (h, tss) -> {
            Operation op = operations.find(h, target.id()).orElseThrow();
            ifMatch.check(op.resourceVersion());
            if (op.state() != State.OPEN) {
                throw notOpen(op);
            }
            op.update(SaleRequests.update(body, op, ids), clock.millis());
            operations.update(h, op);
            return op;
        });
        return PosResponse.operation(200, updated.render(), updated.resourceVersion(), false);
    }

    /**
     * {@code POST /v1/sales/{sale_id}/complete}, checks in the order of §15.6.4. A start that was never
     * signed is signed first, in a transaction of its own, so that it is kept if the finish then fails.
     */
    PosResponse complete(Operation target, ObjectNode body, IfMatch ifMatch) {
        long receivedAt = clock.millis();
        String payload = JsonCanonicalizer.canonicalize(body);
        while (true) {
            Optional<PosResponse> done = signing(target, COMPLETE_FAILED, (h, tss) -> {
                Operation op = operations.find(h, target.id()).orElseThrow();
                ifMatch.check(op.resourceVersion());
                if (op.state() != State.OPEN) {
                    return Optional.of(repeated(op, State.COMPLETED, payload));
                }
                SaleRequests.Completion completion = SaleRequests.completion(body, Instant.ofEpochMilli(receivedAt));
                SaleContent content = op.content();
                if (content.lineItems().isEmpty()) {
                    throw PosError.validation("line_items", "A sale needs at least one line item to be completed.");
                }
                ObjectNode receipt;
                try {
                    receipt = TseReceipt.receipt(content.totals(),
                            completion.payments().stream().map(SalePayment::payment).toList());
                } catch (SaleRuleViolation e) {
                    throw e.toPosError();
                }
                FiscalUnit unit = signingUnit(h, op);
                if (!op.isStartSigned()) {
                    signStart(h, tss, op, unit);
                    operations.update(h, op);
                    return Optional.empty(); // committed; the next turn finishes
                }
                ObjectNode finished = transactions.upsertInLockedTss(h, tss, op.tssTxId(), 2,
                        finishBody("FINISHED", unit, receipt, op.id()));
                op.complete(finished, locationZone(h, op), completion.payments(), payload,
                        completion.occurredAt().map(Instant::toEpochMilli).orElse(receivedAt), receivedAt,
                        clock.millis());
                operations.update(h, op);
                return Optional.of(PosResponse.operation(200, op.render(), op.resourceVersion(), false));
            }, failedStepOf(target));
            if (done.isPresent()) {
                return done.get();
            }
        }
    }

    /** {@code POST /v1/sales/{sale_id}/cancel}, checks in the order of §15.6.5. */
    PosResponse cancel(Operation target, ObjectNode body, IfMatch ifMatch) {
        long receivedAt = clock.millis();
        String payload = JsonCanonicalizer.canonicalize(body);
        return signing(target, CANCEL_FAILED, (h, tss) -> {
            Operation op = operations.find(h, target.id()).orElseThrow();
            ifMatch.check(op.resourceVersion());
            if (op.state() != State.OPEN) {
                return repeated(op, State.CANCELLED, payload);
            }
            SaleRequests.Cancellation cancellation = SaleRequests.cancellation(body, Instant.ofEpochMilli(receivedAt));
            Optional<ObjectNode> finished = Optional.empty();
            if (op.isStartSigned()) {
                FiscalUnit unit = signingUnit(h, op);
                finished = Optional.of(transactions.upsertInLockedTss(h, tss, op.tssTxId(), 2,
                        finishBody("CANCELLED", unit, TseReceipt.cancellation(op.content().totals()), op.id())));
            }
            op.cancel(finished, locationZone(h, op), cancellation.reason(), payload,
                    cancellation.occurredAt().map(Instant::toEpochMilli).orElse(receivedAt), receivedAt, clock.millis());
            operations.update(h, op);
            return PosResponse.operation(200, op.render(), op.resourceVersion(), false);
        }, failedStepOf(target));
    }

    /** A closed operation: the repeat of the request that closed it (§5.3), or 409. */
    private static PosResponse repeated(Operation op, State requested, String payload) {
        if (op.state() == requested && op.endPayload().orElseThrow().equals(payload)) {
            return PosResponse.operation(200, op.render(), op.resourceVersion(), true);
        }
        throw notOpen(op);
    }

    private static PosError notOpen(Operation op) {
        return PosError.conflict("operation_not_open", "The sale is " + op.state().wire() + "; it can no longer be "
                + "changed, completed or cancelled.");
    }

    /** The limits of §15.2: open operations per register and ACTIVE transactions per TSS. */
    private void requireRoomForAnotherSale(Handle h, Register register, Tss tss) {
        if (operations.countOpen(h, register.id()) >= maxOpenPerRegister) {
            throw PosError.conflict("open_operation_limit_reached", "The register already has " + maxOpenPerRegister
                    + " open operations. Complete or cancel some first.");
        }
        if (tss.numberActiveTransactions() >= tss.maxActiveTransactions()) {
            throw PosError.conflict("open_operation_limit_reached", "The register's TSS already has "
                    + tss.maxActiveTransactions() + " open transactions. Complete or cancel open sales first.");
        }
    }

    private Operation newSale(Handle h, String id, Register register, FiscalUnit unit, Tss tss, String txId,
            SaleRequests.Start request, String payload, long receivedAt) {
        return Operation.newSale(id, register, directory.posId(h, register.organizationId()), unit.id(), tss.id(),
                tss.serialNumber(), txId, registers.nextSequenceNumber(h, register.id()), request, payload, receivedAt);
    }

    /** The fiscal unit that signs the operation (fixed at its start), which must still be active. */
    private FiscalUnit signingUnit(Handle h, Operation op) {
        return fiscalUnits.find(h, op.fiscalUnitId()).filter(SaleService::isActive)
                .orElseThrow(SaleService::signingUnitNotActive);
    }

    private static PosError signingUnitNotActive() {
        return PosError.conflict("fiscal_unit_not_active", "The fiscal unit that signs this sale is no longer active.");
    }

    private static boolean isActive(FiscalUnit unit) {
        return unit.state() == FiscalUnitState.ACTIVE;
    }

    /** Signs the operation's StartTransaction, revision 1 of its TSS transaction, and records it. */
    private void signStart(Handle h, Tss tss, Operation op, FiscalUnit unit) {
        op.recordStart(transactions.upsertInLockedTss(h, tss, op.tssTxId(), 1, startBody(unit, op.id())),
                clock.millis());
    }

    /** The StartTransaction of a sale: ACTIVE, no schema (§15.5). */
    private static ObjectNode startBody(FiscalUnit unit, String operationId) {
        ObjectNode body = Json.object();
        body.put("state", "ACTIVE");
        body.put("client_id", unit.tssClientId().orElseThrow());
        body.putObject("metadata").put("pos_operation_id", operationId);
        return body;
    }

    /** The FinishTransaction of a sale: revision 2 with the receipt schema (§15.5). */
    private static ObjectNode finishBody(String state, FiscalUnit unit, ObjectNode schema, String operationId) {
        ObjectNode body = Json.object();
        body.put("state", state);
        body.put("client_id", unit.tssClientId().orElseThrow());
        body.set("schema", schema);
        body.putObject("metadata").put("pos_operation_id", operationId);
        return body;
    }

    private static ZoneId locationZone(Handle h, Operation op) {
        return ZoneId.of(h.createQuery("SELECT l.timezone FROM pos_location l JOIN pos_register r "
                        + "ON r.location_id = l.id WHERE r.id = :register")
                .bind("register", op.registerId()).mapTo(String.class).one());
    }

    /** The failure record of a step on an existing operation: it stays as it was, its last step failed. */
    private FailureRecord failedStepOf(Operation op) {
        return (h, tss, failure) -> {
            operations.recordFailedStep(h, op.id(), clock.millis());
            recordUnusable(h, op.fiscalUnitId(), failure);
            return op.id();
        };
    }

    /** A condition that lasts puts the fiscal unit into {@code error} until it is recovered (§13.1). */
    private void recordUnusable(Handle h, String fiscalUnitId, TseFailure failure) {
        failure.unusableReason().ifPresent(reason -> fiscalUnits.find(h, fiscalUnitId).filter(SaleService::isActive)
                .ifPresent(unit -> fiscalUnits.update(h, new FiscalUnit(unit.id(), unit.registerId(),
                        FiscalUnitState.ERROR, unit.tssId(), unit.tssClientId(), unit.registeredAt(), Optional.of(reason),
                        unit.replaces(), unit.replacedBy(), unit.provisionedAt(), unit.decommissionedAt(),
                        unit.createdAt()))));
    }

    private <T> T signing(Operation op, String message, BiFunction<Handle, Tss, T> step, FailureRecord failed) {
        return signing(op.organizationId(), op.env(), op.tssId(), message, step, failed);
    }

    /**
     * Runs a step that signs. If the TSS layer fails, the step's transaction is rolled back, the failure is
     * recorded in a second one, and the answer is 502 with the operation's id (§7.1).
     */
    private <T> T signing(String organizationId, Environment env, String tssId, String message,
            BiFunction<Handle, Tss, T> step, FailureRecord failed) {
        try {
            return locked(organizationId, env, tssId, step);
        } catch (ApiError | JournalException e) {
            TseFailure failure = TseFailure.of(e).orElseThrow(() -> e);
            String operationId = locked(organizationId, env, tssId, (h, tss) -> failed.record(h, tss, failure));
            throw PosError.fiscalDevice(message + " Cause: " + failure.detail(), operationId);
        }
    }

    private <T> T locked(String organizationId, Environment env, String tssId, BiFunction<Handle, Tss, T> step) {
        return tssTransactions.inGroupCommit(Caller.internal(organizationId, env, "pos", 0), tssId, step);
    }

    private <T> T read(Function<Handle, T> query) {
        return database.jdbi().withHandle(query::apply);
    }
}
