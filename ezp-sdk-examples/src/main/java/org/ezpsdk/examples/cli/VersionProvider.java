package org.ezpsdk.examples.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest; "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = EzpCommand.class.getPackage().getImplementationVersion();
    return new String[] {"ezp " + (version == null ? "development build" : version)};
  }
}
