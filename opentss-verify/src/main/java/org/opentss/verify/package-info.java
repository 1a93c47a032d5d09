/**
 * Independent verification of what OpenTSS signs: TR-03151 log messages, TAR exports and receipt
 * QR codes. This module deliberately shares no code with the signing path in {@code opentss-server},
 * so that it can serve as the test oracle and as the auditors' {@code opentss verify} command.
 */
package org.opentss.verify;
