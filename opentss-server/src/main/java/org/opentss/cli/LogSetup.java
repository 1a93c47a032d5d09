package org.opentss.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.opentss.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format once the configuration is known: readable lines by default, one JSON object
 * per line with {@code OPENTSS_LOG_FORMAT=json}. Logs go to standard error, so that a command's
 * output on standard output stays machine-readable.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(AppConfig.LogFormat format) {
        if (format == AppConfig.LogFormat.JSON) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            URL json = LogSetup.class.getClassLoader().getResource("logback-json.xml");
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(json);
            } catch (JoranException e) {
                throw new IllegalStateException("cannot configure JSON logging", e);
            }
        }
    }

    /** Commands other than {@code serve} only show warnings, not the server's start-up chatter. */
    static void quiet() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
}
