package org.opentss.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The file-name patterns of a TAR export (tse-formats.md §8.5, §8.6, §11.2). */
final class ExportFileNames {

    static final String INFO_CSV = "info.csv";

    static final Pattern CERTIFICATE =
            Pattern.compile("^([0-9A-Fa-f]{64})_(X509|CVC)\\.(cer|CER|crt|CRT|pem|PEM|der|DER)$");

    static final Pattern LOG = Pattern.compile("^(?<format>Unixt|Utc|Gent)_"
            + "(?<date>[0-9]+|[0-9]{10}Z|[0-9]{12}Z|[0-9]{10,14}(?:\\.[0-9]{1,3})?Z)"
            + "_Sig-(?<sig>[1-9][0-9]*)_"
            + "(?:Log-Tra_No-(?<no>[1-9][0-9]*)_(?<phase>Start|Update|Finish)_Client-(?<client>.+?)"
            + "|Log-Sys_(?<sys>[A-Za-z][A-Za-z0-9]*)|(?<aud>Log-Aud))"
            + "(?:_Fc-(?<fc>[1-9][0-9]*))?\\.log$", Pattern.DOTALL);

    private ExportFileNames() {
    }

    /** A log file name split into its parts. */
    record LogName(String format, String date, String sig, CertifiedDataType type, String number, String phase,
            String clientId, String systemType, String fileCounter, String withoutFileCounter) {
    }

    /** The parts of a log file name, or {@code null} if it does not match the pattern. */
    static LogName parseLog(String name) {
        Matcher m = LOG.matcher(name);
        if (!m.matches()) {
            return null;
        }
        CertifiedDataType type = m.group("no") != null ? CertifiedDataType.TRANSACTION
                : m.group("sys") != null ? CertifiedDataType.SYSTEM : CertifiedDataType.AUDIT;
        String fc = m.group("fc");
        String base = fc == null ? name : name.substring(0, m.start("fc") - "_Fc-".length()) + ".log";
        return new LogName(m.group("format"), m.group("date"), m.group("sig"), type, m.group("no"), m.group("phase"),
                m.group("client"), m.group("sys"), fc, base);
    }
}
