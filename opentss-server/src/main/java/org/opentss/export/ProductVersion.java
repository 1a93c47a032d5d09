package org.opentss.export;

/**
 * The OpenTSS version an export names in its {@code info.csv} (tse-formats.md §8.4).
 *
 * <p>Rule: the {@code Implementation-Version} of the server jar's manifest, which Maven sets to the project
 * version; without a manifest (running from classes, as tests and IDEs do) {@value #DEVELOPMENT}. The
 * fallback is deliberately no real version, so an archive built outside a packaged release says so
 * instead of claiming one that may be stale.
 */
public final class ProductVersion {

    static final String DEVELOPMENT = "0.0.0-dev";

    private ProductVersion() {
    }

    public static String current() {
        String version = ProductVersion.class.getPackage().getImplementationVersion();
        return version == null ? DEVELOPMENT : version;
    }
}
