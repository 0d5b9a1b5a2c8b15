package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.List;
import org.prooftrail.client.ComplianceReason;
import org.prooftrail.client.ComplianceReport;
import org.prooftrail.client.ComplianceScan;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.protocol.ComplianceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prooftrail compliance ID} and {@code prooftrail compliance scan}: one command with an optional positional id
 * and a {@code scan} subcommand, so both synopses of the issue work. picocli takes a first argument {@code scan} for
 * the subcommand; an artifact that is literally called {@code scan} is asked for with {@code --id scan} or after
 * {@code --}.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "compliance",
        description = {
            "The compliance of an artifact, run or deployment, computed by the ledger from everything upstream of it:"
                    + " CLEAR, AT_RISK (deprecated upstream, consent withdrawn or erased after training, an input"
                    + " without a pre-training verification) or TAINTED (a revoked artifact or attestation upstream),"
                    + " with every reason, its record and transaction, and what to do.",
            "Exit 0 when CLEAR, 1 when AT_RISK or TAINTED.",
            "",
            "`compliance scan` lists what needs action across the ledger. An artifact whose id is \"scan\" is asked"
                    + " for with `compliance --id scan` (or `compliance -- scan`)."
        },
        subcommands = {ComplianceCommand.Scan.class})
final class ComplianceCommand extends LedgerCommand {
    @Parameters(
            paramLabel = "ID",
            arity = "0..1",
            description = "an artifact, run or deployment id (\"scan\" runs the scan: use --id for an id \"scan\")")
    String positional;

    @Option(names = "--id", paramLabel = "ID", description = "the id, when it is literally \"scan\"")
    String option;

    private String id;

    @Override
    void prepare() {
        if (positional != null && option != null) {
            throw new UsageException("give the id once: as ID or as --id, not both");
        }
        id = positional != null ? positional : option;
        if (id == null) {
            throw new UsageException("compliance needs an ID (an artifact, run or deployment), or the subcommand scan");
        }
    }

    @Override
    int run(ProofTrail proofTrail) {
        ComplianceReport compliance = proofTrail.compliance(id);
        print(compliance.json(), () -> printCompliance(out(), compliance));
        return compliance.status() == ComplianceStatus.CLEAR ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
    }

    static void printCompliance(PrintWriter out, ComplianceReport compliance) {
        List<ComplianceReason> reasons = compliance.reasons();
        out.printf(
                "%s %s%s%n",
                compliance.status(),
                compliance.node(),
                reasons.isEmpty() ? "" : " (" + reasons.size() + (reasons.size() == 1 ? " reason)" : " reasons)"));
        compliance.acceptedRisk().ifPresent(risk -> out.println("  accepted risk: " + risk));
        for (ComplianceReason reason : reasons) {
            out.println("  " + reasonLine(reason));
        }
    }

    /** One reason: severity, code, node, transaction, the ledger's message and what to do about it. */
    static String reasonLine(ComplianceReason reason) {
        return reason.severity() + " " + reason.code() + " " + reason.node()
                + reason.transactionId()
                        .map(txId -> " (transaction " + txId + ")")
                        .orElse("") + ": "
                + reason.message() + " -> " + action(reason.code());
    }

    static String action(String code) {
        return switch (code) {
            case "REVOKED_ARTIFACT" -> "retire what relies on it and retrain without it";
            case "REVOKED_ATTESTATION" -> "retire what relies on it and retrain on a current attestation";
            case "DEPRECATED_ARTIFACT" -> "move to its successor, or deploy with --accept-risk REASON";
            case "STALE_ATTESTATION" ->
                "retrain once the owner re-attests (consent attest), or deploy with --accept-risk REASON";
            case "UNVERIFIED_INPUT" ->
                "verify the copy before training (verify PATH --id ID --record --purpose TRAINING) and retrain,"
                        + " or deploy with --accept-risk REASON";
            case "TRUNCATED" -> "the lineage is deeper than the ledger checks: inspect it with lineage ID";
            default -> "see docs/chaincode.md#compliance";
        };
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "scan",
            description = {
                "What needs action: access grants and consent attestations that expire within the window (or have"
                        + " expired), stale consent attestations, and active deployments that are AT_RISK (for a"
                        + " reason not accepted when deployed) or TAINTED; each with what to do.",
                "Exit 1 when anything needs action, else 0, so a cron job or CI step can alert."
            })
    static final class Scan extends LedgerCommand {
        @Option(
                names = "--owner",
                paramLabel = "MSP",
                description = "only this organisation's grants, datasets and deployments")
        String owner;

        @Option(
                names = "--within",
                paramLabel = "DAYS",
                defaultValue = "30",
                description = "the expiry window in days, 0 to 3650 (default: ${DEFAULT-VALUE})")
        int withinDays;

        @Override
        void prepare() {
            if (withinDays < 0 || withinDays > 3650) {
                throw UsageException.invalid("--within must be between 0 and 3650 days, not " + withinDays);
            }
        }

        @Override
        int run(ProofTrail proofTrail) {
            ComplianceScan scan = proofTrail.complianceScan(owner, withinDays);
            List<ComplianceScan.Item> items = scan.items();
            print(scan.json(), () -> {
                PrintWriter out = out();
                out.printf(
                        "%s item%s needing action%s within %s days, as of %s%s%n",
                        items.isEmpty() ? "no" : items.size(),
                        items.size() == 1 ? "" : "s",
                        scan.owner().map(o -> " for " + o).orElse(""),
                        scan.withinDays(),
                        scan.asOf(),
                        scan.truncated() ? " (truncated: more exist)" : "");
                for (ComplianceScan.Item item : items) {
                    printItem(out, item);
                }
            });
            return scan.needsAction() ? ExitCode.MISMATCH_OR_REJECTED : ExitCode.OK;
        }

        private static void printItem(PrintWriter out, ComplianceScan.Item item) {
            StringBuilder line = new StringBuilder()
                    .append(String.format("%-11s %s", item.kind().wireName(), item.id()));
            item.purpose().ifPresent(purpose -> line.append(" for ").append(purpose));
            item.grantee().ifPresent(grantee -> {
                line.append(" to ").append(grantee);
                item.role()
                        .ifPresent(role -> line.append(" (role ").append(role).append(')'));
            });
            line.append(", owner ").append(item.owner()).append(": ").append(item.status());
            item.expiresAt().ifPresent(expiresAt -> line.append(", expires ").append(expiresAt));
            item.transactionId()
                    .ifPresent(
                            txId -> line.append(" (transaction ").append(txId).append(')'));
            out.println(line);
            for (ComplianceReason r : item.reasons()) {
                out.println("            " + r.severity() + " " + r.code() + " " + r.node() + ": " + r.message());
            }
            out.println("            action: " + item.action());
        }
    }
}
