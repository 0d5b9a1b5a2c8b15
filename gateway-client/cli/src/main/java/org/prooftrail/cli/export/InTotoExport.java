package org.prooftrail.cli.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;

/**
 * An artifact's provenance as an in-toto Statement v1 whose predicate is SLSA Provenance v1. The subject is the
 * artifact and its registered digest; when a training run produced it (the latest such run), the build is that run:
 * its inputs, code and config with the digests the trainer saw are the resolved dependencies, the trainer's
 * organisation and identity the builder, the run id the invocation; otherwise the build is the registration, with
 * the parents as dependencies. The Fabric transactions that recorded all of them are the byproducts.
 */
public final class InTotoExport {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    static final String TRAINING_RUN = "urn:prooftrail:buildtype:training-run:v1";
    static final String REGISTRATION = "urn:prooftrail:buildtype:registration:v1";

    private InTotoExport() {}

    /** The build a statement describes: its definition, its metadata and who ran it. */
    private record Build(Map<String, Object> definition, Map<String, Object> metadata, String org, String identity) {}

    /** The statement for {@code id}, as JSON (keys sorted). */
    public static String statement(ProofTrail ledger, String id) {
        ArtifactRecord artifact = ledger.get(id);
        Set<String> transactions = new LinkedHashSet<>();
        transactions.add(artifact.transactionId() + " artifact:" + artifact.id());
        Build build = producingRun(ledger, id)
                .map(run -> training(ledger, run, transactions))
                .orElseGet(() -> registration(ledger, artifact, transactions));

        Map<String, Object> runDetails = new TreeMap<>();
        runDetails.put(
                "builder",
                Map.of("id", "urn:prooftrail:builder:" + encode(build.org()) + ":" + encode(build.identity())));
        runDetails.put("metadata", build.metadata());
        runDetails.put(
                "byproducts",
                transactions.stream().map(InTotoExport::transaction).toList());

        Map<String, Object> subject = new TreeMap<>();
        subject.put("name", artifact.id());
        subject.put("digest", Map.of("sha256", artifact.digest().hex()));
        artifact.uri().ifPresent(uri -> subject.put("uri", uri));

        Map<String, Object> statement = new TreeMap<>();
        statement.put("_type", STATEMENT_TYPE);
        statement.put("subject", List.of(subject));
        statement.put("predicateType", PREDICATE_TYPE);
        statement.put("predicate", Map.of("buildDefinition", build.definition(), "runDetails", runDetails));
        return Json.write(statement);
    }

    private static Build training(ProofTrail ledger, TrainingRun run, Set<String> transactions) {
        List<Map<String, Object>> dependencies = new ArrayList<>();
        for (TrainingRun.Input input : run.inputs()) {
            dependencies.add(dependency(ledger.get(input.id()), input.digest(), "input", transactions));
        }
        run.code()
                .map(ledger::get)
                .ifPresent(code -> dependencies.add(dependency(code, code.digest(), "code", transactions)));
        run.config()
                .map(ledger::get)
                .ifPresent(config -> dependencies.add(dependency(config, config.digest(), "config", transactions)));
        transactions.add(run.transactionId() + " run:" + run.id());
        Map<String, Object> external = new TreeMap<>();
        external.put("run", run.id());
        external.put("inputs", run.inputs().stream().map(TrainingRun.Input::id).toList());
        run.code().ifPresent(code -> external.put("code", code));
        run.config().ifPresent(config -> external.put("config", config));
        external.put("parameters", run.parameters());
        external.put("outputs", run.outputs());
        Map<String, Object> internal = new TreeMap<>();
        internal.put("environment", run.environment());
        internal.put(
                "consents",
                run.consents().stream()
                        .map(consent -> consent.dataset() + ":" + consent.purpose() + "@v" + consent.version())
                        .toList());
        return build(
                TRAINING_RUN,
                external,
                internal,
                dependencies,
                Map.of("invocationId", run.id(), "finishedOn", run.recordedAt().toString()),
                run.trainer(),
                run.recordedBy());
    }

    private static Build registration(ProofTrail ledger, ArtifactRecord artifact, Set<String> transactions) {
        List<Map<String, Object>> dependencies = new ArrayList<>();
        for (String parent : artifact.parents()) {
            ArtifactRecord record = ledger.get(parent);
            dependencies.add(dependency(record, record.digest(), "parent", transactions));
        }
        Map<String, Object> external = new TreeMap<>();
        external.put("artifact", artifact.id());
        external.put("kind", artifact.kind().name());
        external.put("parents", artifact.parents());
        return build(
                REGISTRATION,
                external,
                new TreeMap<>(),
                dependencies,
                Map.of(
                        "invocationId",
                        artifact.transactionId(),
                        "finishedOn",
                        artifact.registeredAt().toString()),
                artifact.owner(),
                artifact.registeredBy());
    }

    private static Build build(
            String buildType,
            Map<String, Object> external,
            Map<String, Object> internal,
            List<Map<String, Object>> dependencies,
            Map<String, Object> metadata,
            String org,
            String identity) {
        internal.put("org", org);
        internal.put("identity", identity);
        Map<String, Object> definition = new TreeMap<>();
        definition.put("buildType", buildType);
        definition.put("externalParameters", external);
        definition.put("internalParameters", internal);
        definition.put("resolvedDependencies", dependencies);
        return new Build(definition, metadata, org, identity);
    }

    /** The latest run whose outputs name {@code id}, from the lineage graph's {@code output} edges. */
    static Optional<TrainingRun> producingRun(ProofTrail ledger, String id) {
        LineageGraph graph = ledger.upstream(id, 1);
        String key = "artifact:" + id;
        return graph.edges().stream()
                .filter(edge -> "output".equals(edge.relation()) && key.equals(edge.to()))
                .filter(edge -> edge.from().startsWith("run:"))
                .map(edge -> ledger.getRun(edge.from().substring("run:".length())))
                .max(Comparator.comparing(TrainingRun::recordedAt));
    }

    private static Map<String, Object> dependency(
            ArtifactRecord record, Digest digest, String role, Set<String> transactions) {
        Map<String, Object> dependency = new TreeMap<>();
        dependency.put("name", record.id());
        dependency.put("digest", Map.of("sha256", digest.hex()));
        record.uri().ifPresent(uri -> dependency.put("uri", uri));
        Map<String, Object> annotations = new TreeMap<>();
        annotations.put("role", role);
        annotations.put("kind", record.kind().name());
        annotations.put("owner", record.owner());
        annotations.put("status", record.status().name());
        annotations.put("registeredDigest", record.digest().toString());
        annotations.put("txId", record.transactionId());
        dependency.put("annotations", annotations);
        transactions.add(record.transactionId() + " artifact:" + record.id());
        return dependency;
    }

    /** A byproduct naming a Fabric transaction ({@code "TXID record"}) by a URN, with the record it wrote. */
    private static Map<String, Object> transaction(String transactionAndRecord) {
        int space = transactionAndRecord.indexOf(' ');
        String transactionId = transactionAndRecord.substring(0, space);
        Map<String, Object> byproduct = new TreeMap<>();
        byproduct.put("name", "fabric-transaction " + transactionAndRecord.substring(space + 1));
        byproduct.put("uri", "urn:prooftrail:tx:" + transactionId);
        byproduct.put(
                "annotations", Map.of("txId", transactionId, "record", transactionAndRecord.substring(space + 1)));
        return byproduct;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
