package org.opentss.tx;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.opentss.journal.DeferredRows;
import org.opentss.tss.Client;

/**
 * The transaction and client rows of one group-commit transaction's requests, kept in memory while the group
 * runs (the group holds its TSSs' locks, so nobody else changes them meanwhile):
 * <ul>
 * <li>read ahead for the whole group, one statement per table instead of one per request
 *     (by the transaction service), and read once otherwise;</li>
 * <li>written late: the transactions a group starts are inserted in one batch and those it changes are
 *     updated in another when it stores its logs, one row per transaction however often it changed it.</li>
 * </ul>
 * On PostgreSQL each statement saved is a round trip; on SQLite, where one group's statements run one
 * after another for every TSS, it is time in the part that does not run in parallel.
 */
final class GroupRows implements DeferredRows {

    private record Key(String tssId, String txId) {
    }

    private enum Write { NONE, INSERT, UPDATE }

    /**
     * @param tx empty if the transaction does not exist (yet)
     * @param storedClientId the client of the row as stored, if it is
     */
    private record Row(Optional<Transaction> tx, Write write, Optional<String> storedClientId) {

        static Row asStored(Optional<Transaction> tx) {
            return new Row(tx, Write.NONE, tx.map(Transaction::clientId));
        }

        Row written(Transaction now, Write write) {
            return new Row(Optional.of(now), write, storedClientId);
        }

        boolean changesClient() {
            return !storedClientId.equals(tx.map(Transaction::clientId));
        }
    }

    private final TransactionRepository repository;
    private final Map<Key, Row> transactions = new LinkedHashMap<>();
    /** By client id; empty if there is no such client. Clients do not change in a group. */
    private final Map<String, Optional<Client>> clients = new HashMap<>();

    GroupRows(TransactionRepository repository) {
        this.repository = repository;
    }

    /** As the group left it, else as {@code stored} reads it, which then is remembered. */
    Optional<Transaction> transaction(String tssId, String txId, Supplier<Optional<Transaction>> stored) {
        return transactions.computeIfAbsent(new Key(tssId, txId), k -> Row.asStored(stored.get())).tx();
    }

    /** A transaction by its number as the group left it; empty if the group does not know it. */
    Optional<Transaction> knownByNumber(String tssId, long number) {
        return transactions.values().stream().flatMap(row -> row.tx().stream())
                .filter(tx -> tx.tssId().equals(tssId) && tx.number() == number).findFirst();
    }

    /** What was read ahead: every id of {@code asked} that is not in {@code found} does not exist. */
    void readTransactions(String tssId, List<String> asked, List<Transaction> found) {
        asked.forEach(id -> transactions.putIfAbsent(new Key(tssId, id), Row.asStored(Optional.empty())));
        found.forEach(tx -> transactions.put(key(tx), Row.asStored(Optional.of(tx))));
    }

    Optional<Client> client(String clientId, Supplier<Optional<Client>> stored) {
        return clients.computeIfAbsent(clientId, id -> stored.get());
    }

    /** What was read ahead: every id of {@code asked} that is not in {@code found} does not exist. */
    void readClients(List<String> asked, List<Client> found) {
        asked.forEach(id -> clients.putIfAbsent(id, Optional.empty()));
        found.forEach(client -> clients.put(client.id(), Optional.of(client)));
    }

    void inserted(Transaction tx) {
        transactions.put(key(tx), new Row(Optional.of(tx), Write.INSERT, Optional.empty()));
    }

    void updated(Transaction tx) {
        // started in this group and not stored yet: still one insert, of the latest state
        Row before = transactions.get(key(tx));
        Write write = before != null && before.write() == Write.INSERT ? Write.INSERT : Write.UPDATE;
        transactions.put(key(tx), (before != null ? before : Row.asStored(Optional.empty())).written(tx, write));
    }

    @Override
    public void store(Handle h) {
        repository.insertAll(h, pending(Write.INSERT, row -> true));
        repository.updateAll(h, pending(Write.UPDATE, row -> !row.changesClient()), false);
        repository.updateAll(h, pending(Write.UPDATE, Row::changesClient), true);
        transactions.replaceAll((key, row) -> Row.asStored(row.tx()));
    }

    /** Rolled back to a savepoint: what the group knows may be newer than the database; it reads again. */
    @Override
    public void forget() {
        transactions.clear();
        clients.clear();
    }

    private List<Transaction> pending(Write write, Predicate<Row> which) {
        return transactions.values().stream().filter(row -> row.write() == write && which.test(row))
                .map(row -> row.tx().orElseThrow()).toList();
    }

    private static Key key(Transaction tx) {
        return new Key(tx.tssId(), tx.id());
    }
}
