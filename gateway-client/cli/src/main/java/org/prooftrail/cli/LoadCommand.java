package org.prooftrail.cli;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        mixinStandardHelpOptions = true,
        name = "load",
        description = {
            "Measure the ledger under a fixed load, in rounds like Hyperledger Caliper's: each round registers"
                    + " --tx-count fresh ids (artifact:Register, random digests) with one concurrency level, and"
                    + " prints what was submitted, committed and failed (by kind), the committed transactions per"
                    + " second of the round's wall time, and the latency percentiles of the committed transactions.",
            "Every transaction is real and stays on the ledger: point --home at a scratch folder for the embedded"
                    + " ledger."
        })
final class LoadCommand extends LedgerCommand {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");
    private static final int MAX_PREFIX = 96;

    @Option(
            names = "--tx-count",
            paramLabel = "N",
            defaultValue = "500",
            description = "transactions per round (default: ${DEFAULT-VALUE})")
    int txCount;

    @Option(
            names = "--concurrency",
            paramLabel = "C",
            split = ",",
            defaultValue = "1,4,16,32",
            description = "workers; one round per level (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(
            names = "--rate",
            paramLabel = "TPS",
            description = "send at this fixed rate, at most C in flight (default: closed loop, each worker sends its"
                    + " next transaction when the previous one returns)")
    Double rate;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "50",
            description = "unmeasured transactions before the first round, at the highest concurrency (default:"
                    + " ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--max-seconds",
            paramLabel = "S",
            defaultValue = "300",
            description = "start no transaction after this long in a round (default: ${DEFAULT-VALUE})")
    long maxSeconds;

    @Option(
            names = "--workload",
            paramLabel = "W",
            defaultValue = "register",
            description = "register: artifact:Register of fresh ids (default); basic: CreateAsset(id, \"blue\", 5,"
                    + " \"Tomoko\", 300) of fabric-samples' asset-transfer-basic, as a yardstick on the same network"
                    + " through the same client (needs --config naming a Fabric network whose chaincode is the basic"
                    + " sample; bench/basic-vs-prooftrail.sh sets it up)")
    String workload;

    @Option(
            names = "--id-prefix",
            paramLabel = "P",
            description = "ids are P-r<round>-<n> and P-w-<n> for the warm-up (default: load-<UTC timestamp>)")
    String idPrefix;

    @Override
    int run(ProofTrail proofTrail) throws InterruptedException {
        validate();
        LoadRound.Workload submit = workload(proofTrail);
        String prefix = idPrefix != null ? idPrefix : "load-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        OptionalDouble fixedRate = rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
        Duration limit = Duration.ofSeconds(maxSeconds);
        int highest = concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();

        if (!json()) {
            out().printf(
                            "load: %s; %s, %d transactions per round, %s, at most %d s per round; ids"
                                    + " %s-r<round>-<n>%n",
                            proofTrail.transport().describe(),
                            workload.equals("register") ? "artifact:Register" : "basic CreateAsset",
                            txCount,
                            fixedRate.isPresent() ? "fixed rate " + format(rate) + " tx/s" : "closed loop",
                            maxSeconds,
                            prefix);
            out().flush();
        }
        LoadRound.Result warm = new LoadRound(highest, warmup, fixedRate, limit, prefix + "-w").run(submit);
        if (!json()) {
            out().printf(
                            "warmup: %d submitted at concurrency %d, %d committed, %d failed%n%n",
                            warm.submitted(), highest, warm.committed(), warm.failed());
            out().printf(
                            "%11s %9s %9s %6s %9s %8s %8s %8s %8s  %s%n",
                            "concurrency",
                            "submitted",
                            "committed",
                            "failed",
                            "tps",
                            "p50 ms",
                            "p95 ms",
                            "p99 ms",
                            "max ms",
                            "failures");
            out().flush();
        }
        List<LoadRound.Result> results = new ArrayList<>();
        for (int round = 0; round < concurrency.size(); round++) {
            LoadRound.Result result = new LoadRound(
                            concurrency.get(round), txCount, fixedRate, limit, prefix + "-r" + (round + 1))
                    .run(submit);
            results.add(result);
            if (!json()) {
                printRow(result);
            }
        }
        if (json()) {
            print(report(proofTrail, prefix, warm, results), () -> {});
        }
        if (results.stream().allMatch(r -> r.committed() == 0)) {
            err().println("error: NOTHING_COMMITTED: no transaction of any round committed");
            err().flush();
            return ExitCode.MISMATCH_OR_REJECTED;
        }
        return ExitCode.OK;
    }

    /** The sample's CreateAsset takes the asset's id, colour, size, owner and appraised value. */
    private LoadRound.Workload workload(ProofTrail proofTrail) {
        if (workload.equals("register")) {
            return LoadRound.Workload.register(proofTrail);
        }
        if (!(proofTrail.transport() instanceof FabricGatewayTransport fabric)) {
            throw UsageException.invalid("--workload basic needs a Fabric network (--config), not "
                    + proofTrail.transport().describe());
        }
        return id -> fabric.submit("CreateAsset", List.of(id, "blue", "5", "Tomoko", "300"));
    }

    private void validate() {
        if (!workload.equals("register") && !workload.equals("basic")) {
            throw UsageException.invalid("--workload must be register or basic, not " + workload);
        }
        if (txCount < 1) {
            throw UsageException.invalid("--tx-count must be at least 1, not " + txCount);
        }
        for (int level : concurrency) {
            if (level < 1 || level > 1024) {
                throw UsageException.invalid("--concurrency levels must be from 1 to 1024, not " + level);
            }
        }
        if (rate != null && !(rate > 0 && rate <= 1e6)) {
            throw UsageException.invalid("--rate must be above 0 and at most 1000000 tx/s, not " + rate);
        }
        if (warmup < 0) {
            throw UsageException.invalid("--warmup must not be negative, not " + warmup);
        }
        if (maxSeconds < 1) {
            throw UsageException.invalid("--max-seconds must be at least 1, not " + maxSeconds);
        }
        if (idPrefix != null) {
            try {
                Ids.id("--id-prefix", idPrefix);
            } catch (ProofTrailException e) {
                throw UsageException.invalid(e.detail());
            }
            if (idPrefix.length() > MAX_PREFIX) {
                throw UsageException.invalid("--id-prefix must be at most " + MAX_PREFIX + " characters");
            }
        }
    }

    private void printRow(LoadRound.Result result) {
        Latencies latencies = result.latencies();
        StringBuilder failures = new StringBuilder();
        result.failures().forEach((kind, count) -> failures.append(failures.length() == 0 ? "" : " ")
                .append(kind)
                .append('=')
                .append(count));
        out().printf(
                        "%11d %9d %9d %6d %9s %8s %8s %8s %8s  %s%n",
                        result.concurrency(),
                        result.submitted(),
                        result.committed(),
                        result.failed(),
                        format(result.committedTps()),
                        millis(latencies.percentile(50)),
                        millis(latencies.percentile(95)),
                        millis(latencies.percentile(99)),
                        millis(latencies.max()),
                        failures.length() == 0 ? "-" : failures);
        result.firstFailureMessages()
                .forEach((kind, message) -> out().printf("%11s first %s: %s%n", "", kind, oneLine(message)));
        out().flush();
    }

    private String report(ProofTrail proofTrail, String prefix, LoadRound.Result warm, List<LoadRound.Result> results) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("ledger", proofTrail.transport().describe());
        report.put("idPrefix", prefix);
        report.put("workload", workload);
        report.put("txCount", txCount);
        report.put("mode", rate == null ? "closed-loop" : "fixed-rate");
        if (rate != null) {
            report.put("rate", rate);
        }
        report.put("maxSeconds", maxSeconds);
        report.put("warmup", round(warm));
        report.put("rounds", results.stream().map(LoadCommand::round).toList());
        return Json.write(report);
    }

    private static Map<String, Object> round(LoadRound.Result result) {
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("concurrency", result.concurrency());
        round.put("submitted", result.submitted());
        round.put("committed", result.committed());
        round.put("failed", result.failed());
        round.put("failures", result.failures());
        round.put("firstFailureMessages", result.firstFailureMessages());
        round.put("wallSeconds", rounded(result.wallNanos() / 1e9));
        round.put("committedTps", rounded(result.committedTps()));
        Latencies latencies = result.latencies();
        if (latencies.count() > 0) {
            Map<String, Object> millis = new LinkedHashMap<>();
            millis.put("p50", rounded(latencies.percentile(50).orElseThrow() / 1e6));
            millis.put("p95", rounded(latencies.percentile(95).orElseThrow() / 1e6));
            millis.put("p99", rounded(latencies.percentile(99).orElseThrow() / 1e6));
            millis.put("max", rounded(latencies.max().orElseThrow() / 1e6));
            round.put("latencyMs", millis);
        }
        return round;
    }

    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String millis(OptionalLong nanos) {
        return nanos.isPresent() ? format(nanos.getAsLong() / 1e6) : "-";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').strip();
    }
}
