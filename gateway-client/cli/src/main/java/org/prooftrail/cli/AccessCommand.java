package org.prooftrail.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.prooftrail.client.AccessGrant;
import org.prooftrail.client.AccessRecord;
import org.prooftrail.client.Page;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.protocol.Purpose;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        mixinStandardHelpOptions = true,
        name = "access",
        description = "Access to artifacts: the owner's grants to other organisations, and the log of every access,"
                + " allowed or denied, that the accessor records through the ledger.",
        subcommands = {
            AccessCommand.Grant.class,
            AccessCommand.Revoke.class,
            AccessCommand.Log.class,
            AccessCommand.Grants.class,
            AccessCommand.History.class
        })
final class AccessCommand {
    private AccessCommand() {}

    @Command(
            mixinStandardHelpOptions = true,
            name = "grant",
            description = "Grant an organisation (or one role in it) access to your artifact for purposes, until the"
                    + " expiry.")
    static final class Grant extends LedgerCommand {
        @Option(names = "--artifact", required = true, paramLabel = "ID")
        String artifact;

        @Option(names = "--to", required = true, paramLabel = "MSP", description = "the grantee's MSP ID")
        String grantee;

        @Option(names = "--role", paramLabel = "R", description = "only this role in the grantee (e.g. trainer)")
        String role;

        @Option(
                names = "--purpose",
                required = true,
                paramLabel = "P",
                description = "a purpose granted (repeatable): ${COMPLETION-CANDIDATES}")
        List<Purpose> purposes = new ArrayList<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Expiry expiry;

        @Override
        int run(ProofTrail proofTrail) {
            AccessGrant grant =
                    proofTrail.grantAccess(artifact, grantee, role, EnumSet.copyOf(purposes), expiry.instant());
            print(grant.json(), () -> printGrant(this, grant));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "revoke",
            description = "Revoke an organisation's (or one role's) access to your artifact.")
    static final class Revoke extends LedgerCommand {
        @Option(names = "--artifact", required = true, paramLabel = "ID")
        String artifact;

        @Option(names = "--from", required = true, paramLabel = "MSP", description = "the grantee's MSP ID")
        String grantee;

        @Option(names = "--role", paramLabel = "R", description = "the role the grant was for, if any")
        String role;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        int run(ProofTrail proofTrail) {
            AccessGrant grant = proofTrail.revokeAccess(artifact, grantee, role, reason);
            print(grant.json(), () -> printGrant(this, grant));
            return ExitCode.OK;
        }
    }

    private static void printGrant(LedgerCommand command, AccessGrant grant) {
        Text.lines()
                .add("artifact", grant.artifact())
                .add("owner", grant.owner())
                .add("grantee", grant.grantee())
                .add("role", grant.role())
                .add("purposes", grant.purposes())
                .add("expiresAt", grant.expiresAt())
                .add("status", grant.status())
                .add("reason", grant.reason())
                .add("changedBy", grant.changedBy())
                .add("changedAt", grant.changedAt())
                .add("txId", grant.transactionId())
                .print(command.out());
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "log",
            description = "Record on the ledger that your organisation accesses an artifact for a purpose; the"
                    + " contract decides against the grants and records the decision either way. Prints ALLOWED or"
                    + " DENIED; exits 1 when denied.")
    static final class Log extends LedgerCommand {
        @Option(names = "--artifact", required = true, paramLabel = "ID")
        String artifact;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        @Option(names = "--note", paramLabel = "TEXT", description = "what the access is for (a run id, a ticket)")
        String note;

        @Override
        int run(ProofTrail proofTrail) {
            AccessRecord record = proofTrail.logAccess(artifact, purpose, note);
            print(record.json(), () -> {
                out().println(record.decision() + " " + purpose + " access to " + artifact + " by " + record.accessor()
                        + " (transaction " + record.transactionId() + ")");
                record.reason().ifPresent(reason -> out().println("  " + reason));
            });
            return record.allowed() ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "grants", description = "List the access grants of an artifact.")
    static final class Grants extends LedgerCommand {
        @Option(names = "--artifact", required = true, paramLabel = "ID")
        String artifact;

        @Override
        int run(ProofTrail proofTrail) {
            List<AccessGrant> grants = proofTrail.accessGrants(artifact);
            print(array(grants.stream().map(AccessGrant::json).toList()), () -> {
                for (AccessGrant g : grants) {
                    out().printf(
                                    "%-16s %-9s %-8s %-30s until %s%n",
                                    g.grantee(),
                                    g.role().orElse("*"),
                                    g.status(),
                                    Text.render(g.purposes()),
                                    g.expiresAt());
                }
            });
            return ExitCode.OK;
        }
    }

    /** {@code --artifact A | --org MSP}: whose log. */
    static final class Subject {
        @Option(names = "--artifact", paramLabel = "ID", description = "the accesses to this artifact")
        String artifact;

        @Option(names = "--org", paramLabel = "MSP", description = "the accesses by this organisation")
        String org;
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "history",
            description = "One page of the access log of an artifact or of an accessing organisation, allowed and"
                    + " denied.")
    static final class History extends LedgerCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Subject of;

        @Option(names = "--page-size", paramLabel = "N", defaultValue = "50")
        int pageSize;

        @Option(names = "--bookmark", paramLabel = "B", description = "the bookmark a previous page printed")
        String bookmark;

        @Override
        int run(ProofTrail proofTrail) {
            Page<AccessRecord> page = proofTrail.accessLog(of.artifact, of.org, pageSize, bookmark);
            print(page.json(), () -> {
                for (AccessRecord a : page.items()) {
                    out().printf(
                                    "%s  %-7s %-16s %-10s %s%s%n",
                                    a.at(),
                                    a.decision(),
                                    a.accessor(),
                                    a.purpose(),
                                    a.artifact(),
                                    a.note().map(note -> "  (" + note + ")").orElse(""));
                }
                if (page.hasMore()) {
                    out().println("more: --bookmark " + page.bookmark());
                }
            });
            return ExitCode.OK;
        }
    }
}
