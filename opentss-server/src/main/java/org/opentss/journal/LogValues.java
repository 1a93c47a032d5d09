package org.opentss.journal;

/** Range checks shared by every place that puts a counter or a time into a log message. */
final class LogValues {

    /** Signature counter and transaction number are unsigned 32-bit and start at 1 (tse-formats.md §4.1, §4.2). */
    static final long MAX_COUNTER = 0xFFFF_FFFFL;

    private LogValues() {
    }

    static long requireCounter(String what, long value) {
        if (value < 1 || value > MAX_COUNTER) {
            throw new IllegalArgumentException(what + " must be in 1.." + MAX_COUNTER + ", was " + value);
        }
        return value;
    }

    /** unixTime: whole seconds since the epoch; a time before 1970 can only be a clock or caller bug (§4.4). */
    static long requireUnixTime(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be a non-negative unix time, was " + value);
        }
        return value;
    }
}
