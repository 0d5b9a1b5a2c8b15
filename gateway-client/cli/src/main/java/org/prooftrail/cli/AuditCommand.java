package org.prooftrail.cli;

import picocli.CommandLine.Command;

/** {@code audit}: evidence for auditors, read from the ledger (or a proof bundle); picocli creates it. */
@Command(
        mixinStandardHelpOptions = true,
        name = "audit",
        description = "Evidence for auditors: a report for people of a record and everything upstream of it.",
        subcommands = {AuditReportCommand.class})
final class AuditCommand {}
