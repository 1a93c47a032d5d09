package org.opentss.export;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.opentss.http.ApiError;
import org.opentss.http.ErrorCode;

/**
 * Sending the archive of an export (sign-de-v2.md §10.5): only a COMPLETED export whose file has not
 * expired, rebuilt byte for byte from the journal while it streams (tse-formats.md §8.7). The TSS API and
 * the HUB both send it through here, so both hand out the same bytes under the same rules.
 */
public final class ExportDownload {

    /** Sent with E_EXPORT_NOT_COMPLETED while the job runs (a deviation: fiskaly suggests 60). */
    private static final long RETRY_WHILE_OPEN_SECONDS = 5;

    private final ExportFiles files;
    private final Clock clock;

    public ExportDownload(ExportFiles files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    /** Whether the export's file can be downloaded now. */
    public boolean isAvailable(ExportJob job) {
        return job.state() == ExportState.COMPLETED && !isExpired(job);
    }

    /** Streams the archive as an attachment; an export without a file to hand out is the API's 404. */
    public void send(ExportJob job, ServerResponse res) {
        checkAvailable(job);
        res.header(HeaderNames.CONTENT_TYPE, "application/x-tar");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + job.id() + ".tar\"");
        job.fileSize().ifPresent(res::contentLength);
        try (OutputStream out = res.outputStream()) {
            files.write(job, out, count -> {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkAvailable(ExportJob job) {
        if (job.state() != ExportState.COMPLETED) {
            String message = "export is " + job.state() + (job.state().isOpen() ? "; retry later" : "");
            if (job.state().isOpen()) {
                throw ApiError.retryLater(ErrorCode.E_EXPORT_NOT_COMPLETED, message, RETRY_WHILE_OPEN_SECONDS);
            }
            throw ApiError.of(ErrorCode.E_EXPORT_NOT_COMPLETED, message);
        }
        if (isExpired(job)) {
            throw ApiError.of(ErrorCode.E_EXPORT_NOT_FOUND, "export file has expired");
        }
    }

    private boolean isExpired(ExportJob job) {
        return clock.instant().getEpochSecond() >= job.timeExpiration().orElse(Long.MAX_VALUE);
    }
}
