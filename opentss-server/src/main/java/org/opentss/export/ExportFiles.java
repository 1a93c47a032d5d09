package org.opentss.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.opentss.crypto.InstanceCa;
import org.opentss.journal.LogStore;
import org.opentss.tss.Client;
import org.opentss.tss.ClientRepository;
import org.opentss.tss.Tss;
import org.opentss.tss.TssRepository;

/**
 * Builds the TAR file of an export from the journal: a pure function of the TSS, the parameters, the
 * high-water mark and time_start (tse-formats.md §8.7), so the job and every download produce the same
 * bytes. Memory stays constant: logs stream from the database into the archive page by page.
 */
public final class ExportFiles {

    private final TssRepository tsses;
    private final ClientRepository clients;
    private final ExportSelection selection;
    private final InstanceCa ca;

    public ExportFiles(TssRepository tsses, ClientRepository clients, LogStore logs, InstanceCa ca) {
        this.tsses = tsses;
        this.clients = clients;
        this.selection = new ExportSelection(logs);
        this.ca = ca;
    }

    /**
     * Writes the archive of a started job.
     *
     * @param afterEachLog told the number of log messages written so far, after each one; it may throw
     *     to stop the build
     * @return the number of log messages written
     */
    public long write(ExportJob job, OutputStream out, LongConsumer afterEachLog) throws IOException {
        Tss tss = tsses.find(job.tssId()).orElseThrow();
        List<byte[]> chain = new ArrayList<>();
        chain.add(tss.certificate());
        chain.addAll(List.of(ca.chain()));
        ExportArchive.Writing archive = new ExportArchive(tss.id(), ProductVersion.current(), chain)
                .begin(out, job.timeStart().orElseThrow());
        Optional<String> clientSerial = job.parameters().clientId()
                .map(id -> clients.find(id).map(Client::serialNumber).orElseThrow());
        long[] written = {0};
        try {
            selection.forEach(tss.id(), job.parameters(), job.highWaterMark().orElseThrow(), clientSerial, log -> {
                try {
                    archive.add(log);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                afterEachLog.accept(++written[0]);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        archive.finish();
        return written[0];
    }
}
