package org.opentss.verify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logTime of a log message (tse-formats.md §1.4, §4.4).
 *
 * @param kind    which CHOICE alternative the log uses
 * @param text    the value as written: decimal seconds for {@link Kind#UNIX_TIME}, else the ASCII
 *                content such as {@code 210723101255Z}
 * @param instant the point in time it denotes (UTC)
 */
public record LogTime(Kind kind, String text, Instant instant) {

    /** The Time CHOICE alternatives, with their tags. */
    public enum Kind {
        /** INTEGER (tag 02), seconds since the epoch; what OpenTSS writes. */
        UNIX_TIME,
        /** UTCTime (tag 17), {@code YYMMDDhhmm[ss]Z}. */
        UTC_TIME,
        /** GeneralizedTime (tag 18), {@code YYYYMMDDhh[mm[ss[.fff]]]Z}. */
        GENERALIZED_TIME
    }

    static final int UNIX_TIME_TAG = 0x02;
    static final int UTC_TIME_TAG = 0x17;
    static final int GENERALIZED_TIME_TAG = 0x18;

    private static final Pattern UTC_TIME = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?Z");
    private static final Pattern GENERALIZED_TIME =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,3}))?)?)?Z");

    /** Whole seconds since the epoch. */
    public long epochSecond() {
        return instant.getEpochSecond();
    }

    /** Decodes a logTime element; the message of the exception says what is wrong (check C10). */
    static LogTime decode(int tag, byte[] content) throws DerFormatException {
        return switch (tag) {
            case UNIX_TIME_TAG -> unixTime(content);
            case UTC_TIME_TAG -> utcTime(new String(content, StandardCharsets.ISO_8859_1));
            case GENERALIZED_TIME_TAG -> generalizedTime(new String(content, StandardCharsets.ISO_8859_1));
            default -> throw new DerFormatException(String.format(
                    "logTime has tag %02X; expected INTEGER 02, UTCTime 17 or GeneralizedTime 18", tag));
        };
    }

    private static LogTime unixTime(byte[] content) throws DerFormatException {
        if (!DerReader.isMinimalInteger(content)) {
            throw new DerFormatException("unixTime is not a minimal INTEGER encoding");
        }
        BigInteger seconds = new BigInteger(content);
        if (seconds.signum() < 0 || seconds.bitLength() > 63) {
            throw new DerFormatException("unixTime " + seconds + " is out of range");
        }
        try {
            return new LogTime(Kind.UNIX_TIME, seconds.toString(), Instant.ofEpochSecond(seconds.longValue()));
        } catch (DateTimeException e) {
            throw new DerFormatException("unixTime " + seconds + " is out of range");
        }
    }

    private static LogTime utcTime(String text) throws DerFormatException {
        Matcher m = UTC_TIME.matcher(text);
        if (!m.matches()) {
            throw new DerFormatException("UTCTime '" + text + "' is not YYMMDDhhmm[ss]Z");
        }
        int yy = Integer.parseInt(m.group(1));
        // RFC 5280 §4.1.2.5.1: two-digit years 50–99 are 19xx, 00–49 are 20xx.
        int year = yy >= 50 ? 1900 + yy : 2000 + yy;
        return new LogTime(Kind.UTC_TIME, text, instant(text, year, m.group(2), m.group(3), m.group(4), m.group(5),
                m.group(6), null));
    }

    private static LogTime generalizedTime(String text) throws DerFormatException {
        Matcher m = GENERALIZED_TIME.matcher(text);
        if (!m.matches()) {
            throw new DerFormatException("GeneralizedTime '" + text + "' is not YYYYMMDDhh[mm[ss[.fff]]]Z");
        }
        return new LogTime(Kind.GENERALIZED_TIME, text, instant(text, Integer.parseInt(m.group(1)), m.group(2),
                m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)));
    }

    private static Instant instant(String text, int year, String month, String day, String hour, String minute,
            String second, String fraction) throws DerFormatException {
        try {
            int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00").substring(0, 3)) * 1_000_000;
            return LocalDateTime.of(year, Integer.parseInt(month), Integer.parseInt(day), Integer.parseInt(hour),
                    minute == null ? 0 : Integer.parseInt(minute), second == null ? 0 : Integer.parseInt(second),
                    nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new DerFormatException("'" + text + "' is not a valid date and time: " + e.getMessage());
        }
    }
}
