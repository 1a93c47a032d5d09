package org.opentss.config;

import java.time.Duration;

/**
 * Instance-wide rules of the TSS layer (sign-de-v2.md §13.3). Client and transaction maxima apply to
 * TSSs created afterwards; existing TSSs keep the values they report.
 */
public record TssSettings(
        String instanceName,
        int maxRegisteredClients,
        int maxActiveTransactions,
        int maxTssPerOrganization,
        int maxTssCreationsPerDay,
        int adminPinMaxFailures,
        int adminPukMaxFailures,
        Duration adminPukLock,
        Duration adminPukLockMax,
        Duration updateTimeInterval,
        Duration tssLockTimeout,
        int maxOpenExportsPerTss,
        Duration exportRetention,
        Duration exportTimeout) {
}
