package org.prooftrail.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.JsonDocument;
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
            JsonDocument grant =
                    proofTrail.grantAccess(artifact, grantee, role, EnumSet.copyOf(purposes), expiry.instant());
            print(grant, () -> printGrant(this, grant.object()));
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
            JsonDocument grant = proofTrail.revokeAccess(artifact, grantee, role, reason);
            print(grant, () -> printGrant(this, grant.object()));
            return ExitCode.OK;
        }
    }

    private static void printGrant(LedgerCommand command, Map<String, Object> grant) {
        Text.fields(
                command.out(),
                grant,
                "artifact",
                "owner",
                "grantee",
                "role",
                "purposes",
                "expiresAt",
                "status",
                "reason",
                "changedBy",
                "changedAt",
                "txId");
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
            JsonDocument record = proofTrail.logAccess(artifact, purpose, note);
            boolean allowed = "ALLOWED".equals(record.string("decision"));
            print(record, () -> {
                out().println(record.string("decision") + " " + purpose + " access to " + artifact + " by "
                        + record.string("accessor") + " (transaction " + record.string("txId") + ")");
                if (record.string("reason") != null) {
                    out().println("  " + record.string("reason"));
                }
            });
            return allowed ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "grants", description = "List the access grants of an artifact.")
    static final class Grants extends LedgerCommand {
        @Option(names = "--artifact", required = true, paramLabel = "ID")
        String artifact;

        @Override
        @SuppressWarnings("unchecked")
        int run(ProofTrail proofTrail) {
            JsonDocument grants = proofTrail.accessGrants(artifact);
            print(grants, () -> {
                for (Object item : grants.array()) {
                    Map<String, Object> g = (Map<String, Object>) item;
                    out().printf(
                                    "%-16s %-9s %-8s %-30s until %s%n",
                                    g.get("grantee"),
                                    g.get("role") == null ? "*" : g.get("role"),
                                    g.get("status"),
                                    Text.render(g.get("purposes")),
                                    g.get("expiresAt"));
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
        @SuppressWarnings("unchecked")
        int run(ProofTrail proofTrail) {
            JsonDocument page = proofTrail.accessLog(of.artifact, of.org, pageSize, bookmark);
            print(page, () -> {
                for (Object item : (List<Object>) page.object().get("items")) {
                    Map<String, Object> a = (Map<String, Object>) item;
                    out().printf(
                                    "%s  %-7s %-16s %-10s %s%s%n",
                                    a.get("at"),
                                    a.get("decision"),
                                    a.get("accessor"),
                                    a.get("purpose"),
                                    a.get("artifact"),
                                    a.get("note") == null ? "" : "  (" + a.get("note") + ")");
                }
                String next = page.string("bookmark");
                if (next != null && !next.isEmpty()) {
                    out().println("more: --bookmark " + next);
                }
            });
            return ExitCode.OK;
        }
    }
}
