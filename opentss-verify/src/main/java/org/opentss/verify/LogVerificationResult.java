package org.opentss.verify;

import java.util.List;
import java.util.Optional;

/**
 * The result of reading, and possibly verifying, one log message.
 *
 * @param log      the parsed log message; empty when its structure is too broken to read
 *                 (the findings say why)
 * @param findings every finding, errors and warnings
 */
public record LogVerificationResult(Optional<LogMessage> log, List<Finding> findings)
        implements VerificationResult {

    public LogVerificationResult {
        findings = List.copyOf(findings);
    }
}
