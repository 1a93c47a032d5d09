package org.opentss.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An export as stored. {@code highWaterMark} is the TSS's signature counter when the job first
 * started; with {@code timeStart} (the archive's mtime) it fixes the archive's bytes forever.
 * {@code logCount} is the number of log messages in the archive once COMPLETED, and while WORKING the
 * number written so far (recorded about once a second).
 */
public record ExportJob(
        String id,
        String tssId,
        ExportState state,
        ExportParameters parameters,
        Optional<String> exception,
        OptionalLong highWaterMark,
        OptionalLong logCount,
        OptionalLong fileSize,
        Optional<String> fileSha256,
        long timeRequest,
        OptionalLong timeStart,
        OptionalLong timeEnd,
        OptionalLong timeExpiration,
        OptionalLong timeError,
        Map<String, String> metadata) {

    public ExportJob {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * How far the job has got, 0 to 100: a WORKING job's log messages written so far against the most its
     * selection can hold, so an estimate that never overshoots; 100 only once COMPLETED.
     */
    public int percentDone() {
        if (state == ExportState.COMPLETED) {
            return 100;
        }
        if (state != ExportState.WORKING || highWaterMark.isEmpty()) {
            return 0;
        }
        long most = parameters.mostLogs(highWaterMark.getAsLong());
        return most == 0 ? 0 : (int) Math.min(99, logCount.orElse(0) * 100 / most);
    }
}
