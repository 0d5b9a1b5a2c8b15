package org.prooftrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.audit.BundleCollector;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.Check;
import org.prooftrail.client.audit.LedgerBlocks;
import org.prooftrail.client.audit.ProofBundle;
import org.prooftrail.client.audit.RecordVerification;
import org.prooftrail.client.embedded.EmbeddedBundles;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code prooftrail audit bundle|verify|report}: evidence an auditor can check with no network
 * (docs/audit-bundles.md) and a report for people (docs/audit-report.md).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "audit",
        description = "Evidence for auditors: proof bundles of a record and its lineage, verified offline, and a report"
                + " for people.",
        subcommands = {AuditCommand.Bundle.class, AuditCommand.Verify.class, AuditReportCommand.class})
final class AuditCommand {
    @Command(
            mixinStandardHelpOptions = true,
            name = "bundle",
            description = "Collect the committed transactions that wrote ID and everything upstream of it, with"
                    + " their blocks, the header chain to a tip signed by the orderers and the channel configuration"
                    + " (on the embedded ledger: its log records, hash chain and a checkpoint it signs).")
    static final class Bundle extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "artifact id, or a lineage key such as run:ID")
        String id;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the bundle")
        Path out;

        @Option(names = "--depth", paramLabel = "N", defaultValue = "8", description = "1 to 32 (default 8)")
        int depth;

        @Override
        void prepare() {
            if (depth < 1 || depth > 32) {
                throw UsageException.invalid("--depth must be 1 to 32, not " + depth);
            }
        }

        private static Optional<LedgerBlocks> blocksOf(LedgerTransport transport) {
            return transport instanceof FabricGatewayTransport
                    ? ((FabricGatewayTransport) transport).blocks()
                    : Optional.empty();
        }

        @Override
        int run(ProofTrail proofTrail) throws IOException {
            String json;
            int records;
            Optional<LedgerBlocks> blocks = blocksOf(proofTrail.transport());
            if (blocks.isPresent()) {
                ProofBundle bundle = BundleCollector.collect(proofTrail, blocks.get(), id, depth);
                json = bundle.toJson();
                records = bundle.records().size();
            } else if (proofTrail.transport() instanceof EmbeddedLedger) {
                var bundle = EmbeddedBundles.collect(proofTrail, (EmbeddedLedger) proofTrail.transport(), id, depth);
                json = bundle.toJson();
                records = bundle.records().size();
            } else {
                throw UsageException.failedPrecondition(
                        "audit bundle needs a Fabric network or the embedded ledger, not "
                                + proofTrail.transport().describe());
            }
            Files.writeString(out, json, StandardCharsets.UTF_8);
            print(
                    Json.write(Map.of("out", out.toString(), "records", records, "bytes", json.length())),
                    () -> out().println("wrote " + out + ": " + records + " records, " + json.length() + " bytes"));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "verify",
            description = "Verify a bundle with no network: every signature, endorsement policy, write set,"
                    + " validation flag, data hash, the header chain and the orderers' signatures on the tip. One"
                    + " line per record; exit 1 naming the failed checks if any does not hold.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "a bundle written by audit bundle")
        Path file;

        @Option(
                names = "--trust",
                paramLabel = "CONFIG_BLOCK_OR_CA_PEMS",
                description = "a channel config block obtained independently, or the CA certificates (PEM) of"
                        + " the organisations; default: the bundle's own config block")
        Path trust;

        @Mixin
        OutputOptions output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            BundleVerification verification = BundleFiles.verify(file, trust);
            var out = spec.commandLine().getOut();
            if (output.json) {
                out.println(Json.write(tree(verification)));
            } else {
                verification.records().forEach(record -> out.println(line(record)));
                out.println(summary(verification));
            }
            out.flush();
            return verification.ok() ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
        }

        private static String summary(BundleVerification verification) {
            return (verification.ok() ? "VERIFIED " : "FAILED ")
                    + verification.records().size() + " records of "
                    + verification.root() + " (trust: " + verification.trust() + ")"
                    + (verification.ok() ? "" : "; failed checks: " + String.join(", ", verification.failedChecks()));
        }

        private static String line(RecordVerification record) {
            StringBuilder line = new StringBuilder(512)
                    .append(record.ok() ? "OK   " : "FAIL ")
                    .append(record.kind())
                    .append(' ')
                    .append(record.id())
                    .append(" tx ")
                    .append(
                            record.transactionId(),
                            0,
                            Math.min(12, record.transactionId().length()))
                    .append(" block ")
                    .append(record.blockNumber())
                    .append(' ')
                    .append(record.creatorMspId().orElse("?"));
            for (Check check : record.checks()) {
                line.append(' ').append(check.name()).append(check.ok() ? "=ok" : "=FAILED");
            }
            for (Check failure : record.failures()) {
                line.append("\n     ").append(failure.name()).append(": ").append(failure.detail());
            }
            return line.toString();
        }

        static Map<String, Object> tree(BundleVerification verification) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("ok", verification.ok());
            tree.put("root", verification.root());
            tree.put("trust", verification.trust());
            tree.put("failedChecks", verification.failedChecks());
            List<Object> records = new ArrayList<>();
            verification.records().forEach(record -> records.add(recordTree(record)));
            tree.put("records", records);
            return tree;
        }

        private static Map<String, Object> recordTree(RecordVerification record) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", record.id());
            item.put("kind", record.kind());
            item.put("key", record.key());
            item.put("txId", record.transactionId());
            item.put("block", record.blockNumber());
            record.creatorMspId().ifPresent(msp -> item.put("org", msp));
            record.creatorSubject().ifPresent(subject -> item.put("subject", subject));
            record.timestamp().ifPresent(time -> item.put("time", time.toString()));
            item.put("ok", record.ok());
            item.put(
                    "checks",
                    record.checks().stream()
                            .map(check -> Map.of("name", check.name(), "ok", check.ok(), "detail", check.detail()))
                            .toList());
            return item;
        }
    }
}
