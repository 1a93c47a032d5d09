package org.opentss.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An export as stored. {@code highWaterMark} is the TSS's signature counter when the job first
 * started; with {@code timeStart} (the archive's mtime) it fixes the archive's bytes forever.
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
}
