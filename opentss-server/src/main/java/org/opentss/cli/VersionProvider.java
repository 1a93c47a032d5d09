package org.opentss.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (absent when running from classes, e.g. in tests). */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"OpenTSS " + (version == null ? "(development build)" : version)};
    }
}
