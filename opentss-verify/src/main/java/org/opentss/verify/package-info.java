/**
 * Independent verification of what OpenTSS signs: TR-03151 log messages, TAR exports and receipt
 * QR codes. This module deliberately shares no code with the signing path in {@code opentss-server},
 * so that it can serve as the test oracle and as the auditors' {@code opentss verify} command.
 *
 * <p>Start at {@link org.opentss.verify.Verifier}. Findings carry the check ids of tse-formats.md §11
 * ({@link org.opentss.verify.Finding}); the DER reader, DTBS extraction and signature verification
 * (BouncyCastle lightweight {@code ECDSASigner}) are this module's own.
 */
package org.opentss.verify;
