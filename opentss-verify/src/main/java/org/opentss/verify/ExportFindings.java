package org.opentss.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the findings of one export verification while the profile may still be unknown (it
 * follows from {@code info.csv}, which need not be the first entry of a foreign archive). Each
 * finding keeps its severity under both profiles; {@link #resolve} picks one.
 *
 * <p>Repetitive profile deviations of the archive layout (the same header field wrong in every
 * header) are {@linkplain #aggregate aggregated}: the first file is named and the others counted.
 */
final class ExportFindings {

    /** A finding with its severity under {@link Profile#GENERIC} and under {@link Profile#OPENTSS}. */
    private record Pending(String file, String check, Severity generic, Severity openTss, String message) {
    }

    /** The first occurrence of an aggregated deviation, and how many there were. */
    private static final class Aggregate {
        final String file;
        final String check;
        final String message;
        final boolean profileOnly;
        long count;

        Aggregate(String file, String check, String message, boolean profileOnly) {
            this.file = file;
            this.check = check;
            this.message = message;
            this.profileOnly = profileOnly;
        }
    }

    private final List<Pending> findings = new ArrayList<>();
    private final Map<String, Aggregate> aggregates = new LinkedHashMap<>();

    void error(String file, String check, String message) {
        findings.add(new Pending(file, check, Severity.ERROR, Severity.ERROR, message));
    }

    void warning(String file, String check, String message) {
        findings.add(new Pending(file, check, Severity.WARNING, Severity.WARNING, message));
    }

    /** A check marked "profile": WARNING for any TSE, ERROR for OpenTSS's own exports. */
    void deviation(String file, String check, String message) {
        findings.add(new Pending(file, check, Severity.WARNING, Severity.ERROR, message));
    }

    /** ERROR or WARNING regardless of the profile, as {@code error} says. */
    void add(String file, String check, boolean error, String message) {
        if (error) {
            error(file, check, message);
        } else {
            warning(file, check, message);
        }
    }

    /** Findings of {@link LogMessageParser} or {@link LogSignatureVerifier}, made under a known profile. */
    void addAll(String file, List<Finding> found) {
        for (Finding f : found) {
            findings.add(new Pending(file, f.check(), f.severity(), f.severity(), f.message()));
        }
    }

    /**
     * The same findings made under both profiles (same checks in the same order; {@link Profile}
     * changes only severities).
     */
    void addBoth(String file, List<Finding> generic, List<Finding> openTss) {
        if (generic.size() != openTss.size()) {
            addAll(file, openTss);
            return;
        }
        for (int i = 0; i < generic.size(); i++) {
            Finding g = generic.get(i);
            findings.add(new Pending(file, g.check(), g.severity(), openTss.get(i).severity(), g.message()));
        }
    }

    /**
     * A deviation that may repeat in many entries: reported once, at the first file, with the count.
     *
     * @param key         identifies the kind of deviation (e.g. {@code "A5 mode"})
     * @param profileOnly whether it is a profile rule (else an ERROR)
     */
    void aggregate(String key, String file, String check, boolean profileOnly, String message) {
        aggregates.computeIfAbsent(key, k -> new Aggregate(file, check, message, profileOnly)).count++;
    }

    boolean hasErrorUnder(Profile profile) {
        return resolve(profile).stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    List<Finding> resolve(Profile profile) {
        List<Finding> resolved = new ArrayList<>(findings.size() + aggregates.size());
        for (Aggregate a : aggregates.values()) {
            String message = a.count > 1 ? a.message + " (and in " + (a.count - 1) + " more entries)" : a.message;
            Severity severity = a.profileOnly && profile == Profile.GENERIC ? Severity.WARNING : Severity.ERROR;
            resolved.add(new Finding(a.check, severity, message, a.file));
        }
        for (Pending p : findings) {
            resolved.add(new Finding(p.check, profile == Profile.OPENTSS ? p.openTss : p.generic, p.message, p.file));
        }
        return resolved;
    }
}
