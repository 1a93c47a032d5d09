package org.opentss.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * How far a job has got, as the HUB's progress bar shows it: the logs written so far against the most its
 * selection can hold, an estimate that stays below 100 until the job has completed.
 */
class ExportProgressTest {

    private static final ExportParameters ALL = parameters(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), ExportParameters.MAX_RECORDS);

    @Test
    void aJobThatHasNotStartedHasNotGotAnywhere() {
        assertThat(job(ExportState.PENDING, ALL, OptionalLong.empty(), OptionalLong.empty()).percentDone()).isZero();
    }

    @Test
    void anUnfilteredJobCountsAgainstEveryLogUpToItsHighWaterMark() {
        assertThat(job(ExportState.WORKING, ALL, OptionalLong.of(200), OptionalLong.of(50)).percentDone())
                .isEqualTo(25);
        assertThat(ALL.mostLogs(200)).isEqualTo(200);
    }

    @Test
    void aCounterRangeCountsAgainstItsLengthBelowTheHighWaterMark() {
        ExportParameters range = parameters(OptionalLong.of(101), OptionalLong.of(1000), OptionalLong.empty(),
                ExportParameters.MAX_RECORDS);
        assertThat(range.mostLogs(200)).isEqualTo(100);
        assertThat(job(ExportState.WORKING, range, OptionalLong.of(200), OptionalLong.of(50)).percentDone())
                .isEqualTo(50);
    }

    @Test
    void otherFiltersCanHoldEveryLogAndNeverMoreThanTheirMaximum() {
        ExportParameters byDay = parameters(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1767225600),
                ExportParameters.MAX_RECORDS);
        assertThat(byDay.mostLogs(300)).isEqualTo(300);
        ExportParameters limited = parameters(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 10);
        assertThat(limited.mostLogs(300)).isEqualTo(10);
        // more logs than the maximum: the job is about to fail, and its bar does not claim it is done
        assertThat(job(ExportState.WORKING, limited, OptionalLong.of(300), OptionalLong.of(11)).percentDone())
                .isEqualTo(99);
    }

    @Test
    void onlyACompletedJobIsDone() {
        assertThat(job(ExportState.COMPLETED, ALL, OptionalLong.of(200), OptionalLong.of(200)).percentDone())
                .isEqualTo(100);
        assertThat(job(ExportState.WORKING, ALL, OptionalLong.of(200), OptionalLong.of(200)).percentDone())
                .isEqualTo(99);
        assertThat(job(ExportState.WORKING, ALL, OptionalLong.of(0), OptionalLong.of(0)).percentDone()).isZero();
        assertThat(job(ExportState.CANCELLED, ALL, OptionalLong.of(200), OptionalLong.empty()).percentDone()).isZero();
    }

    private static ExportParameters parameters(OptionalLong startCounter, OptionalLong endCounter,
            OptionalLong startDate, long maximum) {
        return new ExportParameters(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                startDate, OptionalLong.empty(), startCounter, endCounter, maximum);
    }

    private static ExportJob job(ExportState state, ExportParameters parameters, OptionalLong highWaterMark,
            OptionalLong logsWritten) {
        return new ExportJob("8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60", "6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10", state,
                parameters, Optional.empty(), highWaterMark, logsWritten, OptionalLong.empty(), Optional.empty(),
                1767261600L, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Map.of());
    }
}
