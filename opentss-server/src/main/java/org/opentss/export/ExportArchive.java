package org.opentss.export;

import org.opentss.journal.StoredLog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The TAR export of one TSS (tse-formats.md §8): {@code info.csv}, the certificates leaf → issuing CA →
 * root, then the given log messages in ascending signature counter order. Everything but the log
 * messages is checked and prepared at construction, so a bad chain fails before any byte is written;
 * the log messages stream through one at a time.
 *
 * <p>An archive is a pure function of the constructor arguments, the mtime and the logs (§8.7).
 */
public final class ExportArchive {

    private record ArchiveFile(String name, byte[] content) {
    }

    private final ArchiveFile infoCsv;
    private final List<ArchiveFile> certificates;

    /**
     * @param tssId the TSS UUID in lowercase
     * @param productVersion the OpenTSS version, normally {@link ProductVersion#current()}
     * @param certificateChain the TSS certificate first, each followed by its issuer, up to and including
     *     the self-issued root; DER (PEM is accepted too, and exported as DER)
     */
    public ExportArchive(String tssId, String productVersion, List<byte[]> certificateChain) {
        this.infoCsv = new ArchiveFile(InfoCsv.FILE_NAME, InfoCsv.of(tssId, productVersion));
        this.certificates = certificateFiles(certificateChain);
    }

    /**
     * Writes the whole archive and flushes {@code out}, which stays open.
     *
     * @param mtime Unix seconds of the export's start, in every header (§8.7)
     * @param logs the selected log messages in ascending signature counter order, e.g. rows streamed
     *     from the journal; only the current one is held
     * @throws IllegalArgumentException if the counters descend; the archive written so far is then invalid
     */
    public void write(OutputStream out, long mtime, Iterator<StoredLog> logs) throws IOException {
        Writing writing = begin(out, mtime);
        while (logs.hasNext()) {
            writing.add(logs.next());
        }
        writing.finish();
    }

    /**
     * Starts the archive for logs that are pushed to it ({@link Writing#add}), as the journal hands them
     * out page by page: writes {@code info.csv} and the certificates.
     */
    public Writing begin(OutputStream out, long mtime) throws IOException {
        TarWriter tar = new TarWriter(out, mtime);
        tar.addFile(infoCsv.name(), infoCsv.content());
        for (ArchiveFile certificate : certificates) {
            tar.addFile(certificate.name(), certificate.content());
        }
        return new Writing(tar);
    }

    /** An archive being written: its log messages, then {@link #finish()}. */
    public static final class Writing {
        private final TarWriter tar;
        private final LogFileNames names = new LogFileNames();

        private Writing(TarWriter tar) {
            this.tar = tar;
        }

        /** Adds the next log message; counters must ascend. */
        public void add(StoredLog log) throws IOException {
            tar.addFile(names.next(log), log.message());
        }

        /** Ends the archive and flushes the stream, which stays open. */
        public void finish() throws IOException {
            tar.finish();
        }
    }

    private static List<ArchiveFile> certificateFiles(List<byte[]> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least the TSS certificate (§8.5)");
        }
        List<X509Certificate> parsed = chain.stream().map(ExportArchive::parse).toList();
        for (int i = 0; i < parsed.size(); i++) {
            X509Certificate certificate = parsed.get(i);
            boolean last = i + 1 == parsed.size();
            X509Certificate issuer = last ? certificate : parsed.get(i + 1);
            if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new IllegalArgumentException("certificate " + i + " (" + certificate.getSubjectX500Principal()
                        + ") is not issued by " + (last ? "itself, but it ends the chain" : "the next certificate"));
            }
        }
        List<ArchiveFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (X509Certificate certificate : parsed) {
            String name = CertificateFileName.of(certificate);
            if (!names.add(name)) {
                throw new IllegalArgumentException("the chain holds the key of " + name + " twice");
            }
            files.add(new ArchiveFile(name, encoded(certificate)));
        }
        return List.copyOf(files);
    }

    private static X509Certificate parse(byte[] der) {
        Objects.requireNonNull(der, "certificate");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** The DER form, whatever form (DER or PEM) the certificate was handed in: §8.5 exports DER. */
    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
