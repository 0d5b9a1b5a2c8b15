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

    /** The statement for {@code id}, as JSON (keys sorted). */
    public static String statement(ProofTrail ledger, String id) {
        ArtifactRecord artifact = ledger.get(id);
        Optional<TrainingRun> run = producingRun(ledger, id);
        List<Map<String, Object>> dependencies = new ArrayList<>();
        Set<String> transactions = new LinkedHashSet<>();
        transactions.add(artifact.transactionId() + " artifact:" + artifact.id());
        Map<String, Object> buildDefinition = new TreeMap<>();
        Map<String, Object> external = new TreeMap<>();
        Map<String, Object> internal = new TreeMap<>();
        Map<String, Object> metadata = new TreeMap<>();
        String builderOrg;
        String builderIdentity;
        if (run.isPresent()) {
            TrainingRun training = run.get();
            buildDefinition.put("buildType", TRAINING_RUN);
            for (TrainingRun.Input input : training.inputs()) {
                dependencies.add(dependency(ledger.get(input.id()), input.digest(), "input", transactions));
            }
            training.code().ifPresent(code -> {
                ArtifactRecord record = ledger.get(code);
                dependencies.add(dependency(record, record.digest(), "code", transactions));
            });
            training.config().ifPresent(config -> {
                ArtifactRecord record = ledger.get(config);
                dependencies.add(dependency(record, record.digest(), "config", transactions));
            });
            external.put("run", training.id());
            external.put(
                    "inputs",
                    training.inputs().stream().map(TrainingRun.Input::id).toList());
            training.code().ifPresent(code -> external.put("code", code));
            training.config().ifPresent(config -> external.put("config", config));
            external.put("parameters", training.parameters());
            external.put("outputs", training.outputs());
            internal.put("environment", training.environment());
            internal.put(
                    "consents",
                    training.consents().stream()
                            .map(consent -> consent.dataset() + ":" + consent.purpose() + "@v" + consent.version())
                            .toList());
            metadata.put("invocationId", training.id());
            metadata.put("finishedOn", training.recordedAt().toString());
            transactions.add(training.transactionId() + " run:" + training.id());
            builderOrg = training.trainer();
            builderIdentity = training.recordedBy();
        } else {
            buildDefinition.put("buildType", REGISTRATION);
            for (String parent : artifact.parents()) {
                ArtifactRecord record = ledger.get(parent);
                dependencies.add(dependency(record, record.digest(), "parent", transactions));
            }
            external.put("artifact", artifact.id());
            external.put("kind", artifact.kind().name());
            external.put("parents", artifact.parents());
            metadata.put("invocationId", artifact.transactionId());
            metadata.put("finishedOn", artifact.registeredAt().toString());
            builderOrg = artifact.owner();
            builderIdentity = artifact.registeredBy();
        }
        internal.put("org", builderOrg);
        internal.put("identity", builderIdentity);
        buildDefinition.put("externalParameters", external);
        buildDefinition.put("internalParameters", internal);
        buildDefinition.put("resolvedDependencies", dependencies);

        Map<String, Object> builder = new TreeMap<>();
        builder.put("id", "urn:prooftrail:builder:" + encode(builderOrg) + ":" + encode(builderIdentity));
        Map<String, Object> runDetails = new TreeMap<>();
        runDetails.put("builder", builder);
        runDetails.put("metadata", metadata);
        runDetails.put(
                "byproducts",
                transactions.stream().map(InTotoExport::transaction).toList());

        Map<String, Object> predicate = new TreeMap<>();
        predicate.put("buildDefinition", buildDefinition);
        predicate.put("runDetails", runDetails);

        Map<String, Object> subject = new TreeMap<>();
        subject.put("name", artifact.id());
        subject.put("digest", Map.of("sha256", artifact.digest().hex()));
        artifact.uri().ifPresent(uri -> subject.put("uri", uri));

        Map<String, Object> statement = new TreeMap<>();
        statement.put("_type", STATEMENT_TYPE);
        statement.put("subject", List.of(subject));
        statement.put("predicateType", PREDICATE_TYPE);
        statement.put("predicate", predicate);
        return Json.write(statement);
    }

    /** The latest run whose outputs name {@code id}, from the lineage graph's {@code output} edges. */
    static Optional<TrainingRun> producingRun(ProofTrail ledger, String id) {
        LineageGraph graph = ledger.upstream(id, 1);
        String key = "artifact:" + id;
        return graph.edges().stream()
                .filter(edge -> edge.relation().equals("output") && edge.to().equals(key))
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
