package org.opentss.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the server and the CLI are configured with, validated once at start (see
 * {@link ConfigLoader}). Settings are documented in the README and sign-de-v2.md §13.3.
 */
public record AppConfig(
        String host,
        int port,
        Optional<TlsSettings> tls,
        Duration hstsMaxAge,
        Path dataDir,
        String databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        int databasePoolSize,
        int signingGroups,
        Optional<String> masterKey,
        Optional<Path> masterKeyFile,
        Optional<String> masterKeyPrevious,
        Optional<Path> masterKeyPreviousFile,
        Optional<Pkcs11Settings> pkcs11,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        String tokenIssuer,
        Duration keyStatusCacheTtl,
        int authMaxFailuresPerMinute,
        RateLimits rateLimits,
        TssSettings tss,
        PosSettings pos,
        HubSettings hub,
        List<String> corsAllowedOrigins,
        Optional<String> metricsToken,
        LogFormat logFormat,
        Duration shutdownDrain,
        Duration shutdownGracePeriod) {

    public enum LogFormat { TEXT, JSON }

    public boolean isPostgres() {
        return databaseUrl.startsWith("jdbc:postgresql:");
    }

    /** Secrets are left out so that the configuration can be logged. */
    @Override
    public String toString() {
        return "AppConfig[host=" + host + ", port=" + port
                + ", tls=" + tls.map(t -> t + ", hstsMaxAge=" + hstsMaxAge.toSeconds() + "s").orElse("off")
                + ", dataDir=" + dataDir
                + ", database=" + (isPostgres() ? "postgresql" : "sqlite")
                + ", databasePoolSize=" + databasePoolSize
                + ", signingGroups=" + signingGroups
                + ", masterKey=" + (masterKey.isPresent() ? "(from OPENTSS_MASTER_KEY)"
                        : masterKeyFile.map(Path::toString).orElse("(data directory)"))
                + (masterKeyPrevious.isPresent() || masterKeyPreviousFile.isPresent() ? ", previousMasterKey=(set)" : "")
                + ", keyCustody=" + pkcs11.map(Pkcs11Settings::toString).orElse("envelope")
                + ", accessTokenTtl=" + accessTokenTtl.toSeconds() + "s"
                + ", refreshTokenTtl=" + refreshTokenTtl.toSeconds() + "s"
                + ", tokenIssuer=" + tokenIssuer
                + ", keyStatusCacheTtl=" + keyStatusCacheTtl.toSeconds() + "s"
                + ", authMaxFailuresPerMinute=" + authMaxFailuresPerMinute
                + ", rateLimits=" + rateLimits
                + ", tss=" + tss
                + ", pos=" + pos
                + ", hub=" + hub
                + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", metricsToken=" + (metricsToken.isPresent() ? "(set)" : "(unset)")
                + ", logFormat=" + logFormat + "]";
    }
}
