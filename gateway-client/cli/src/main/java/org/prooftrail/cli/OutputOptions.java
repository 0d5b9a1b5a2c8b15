package org.prooftrail.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output instead of text for people. */
final class OutputOptions {
    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;
}
