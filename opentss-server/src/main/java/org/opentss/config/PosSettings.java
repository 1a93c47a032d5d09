package org.opentss.config;

import java.time.Duration;

/**
 * Settings of the POS API (pos-api.md §15.2, §17.1).
 *
 * @param heartbeatInterval the interval registers are expected to send heartbeats at
 * @param maxOpenOperationsPerRegister open operations a register may have at once
 */
public record PosSettings(Duration heartbeatInterval, int maxOpenOperationsPerRegister) {
}
