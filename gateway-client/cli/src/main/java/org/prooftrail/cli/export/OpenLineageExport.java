package org.prooftrail.cli.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;

/**
 * The training runs upstream of a record as OpenLineage RunEvents (spec 2-0-2), one {@code COMPLETE} event per run,
 * as JSON Lines (one event a line, oldest first; the form OpenLineage's file transport writes). Each run's job is
 * the run id in the {@code prooftrail} namespace; its runId a name-based UUID of the run's Fabric transaction (the
 * same run always exports the same runId); its inputs (data, code, config) and outputs (models) carry the standard
 * {@code version} facet (the digest as the dataset version) and a {@code prooftrail_digest} facet (algorithm, digest,
 * registering transaction; schema in docs/schemas/ProofTrailFacets.json).
 */
public final class OpenLineageExport {
    public static final String NAMESPACE = "prooftrail";
    static final String PRODUCER = "urn:prooftrail:cli:0.1.0";
    static final String RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String VERSION_FACET_SCHEMA =
            "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    static final String FACETS_SCHEMA = "urn:prooftrail:openlineage:facets:1-0-0";

    private OpenLineageExport() {}

    /** One RunEvent a line for every run in the upstream of {@code id} ({@code depth} levels), oldest first. */
    public static String events(ProofTrail ledger, String id, int depth) {
        LineageGraph graph = ledger.upstream(id, depth);
        List<TrainingRun> runs = new ArrayList<>();
        for (LineageGraph.Node node : graph.nodes()) {
            if ("run".equals(node.type())) {
                runs.add(ledger.getRun(node.id()));
            }
        }
        runs.sort(Comparator.comparing(TrainingRun::recordedAt).thenComparing(TrainingRun::id));
        StringBuilder lines = new StringBuilder();
        for (TrainingRun run : runs) {
            lines.append(Json.write(event(ledger, run))).append('\n');
        }
        return lines.toString();
    }

    static Map<String, Object> event(ProofTrail ledger, TrainingRun run) {
        List<Object> inputs = new ArrayList<>();
        for (TrainingRun.Input input : run.inputs()) {
            inputs.add(dataset(ledger.get(input.id()), input.digest(), "input"));
        }
        run.code().ifPresent(code -> {
            ArtifactRecord record = ledger.get(code);
            inputs.add(dataset(record, record.digest(), "code"));
        });
        run.config().ifPresent(config -> {
            ArtifactRecord record = ledger.get(config);
            inputs.add(dataset(record, record.digest(), "config"));
        });
        List<Object> outputs = new ArrayList<>();
        for (String output : run.outputs()) {
            ArtifactRecord record = ledger.get(output);
            outputs.add(dataset(record, record.digest(), "output"));
        }
        Map<String, Object> transaction = facet(FACETS_SCHEMA + "#/$defs/ProofTrailTransactionRunFacet");
        transaction.put("txId", run.transactionId());
        transaction.put("org", run.trainer());
        transaction.put("identity", run.recordedBy());
        Map<String, Object> runObject = new TreeMap<>();
        runObject.put("runId", runId(run));
        runObject.put("facets", Map.of("prooftrail_transaction", transaction));
        Map<String, Object> job = new TreeMap<>();
        job.put("namespace", NAMESPACE);
        job.put("name", run.id());
        Map<String, Object> event = new TreeMap<>();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", run.recordedAt().toString());
        event.put("producer", PRODUCER);
        event.put("schemaURL", RUN_EVENT_SCHEMA);
        event.put("run", runObject);
        event.put("job", job);
        event.put("inputs", inputs);
        event.put("outputs", outputs);
        return event;
    }

    /** A name-based (version 3) UUID of the run's transaction: stable across exports, unique per run. */
    static String runId(TrainingRun run) {
        return UUID.nameUUIDFromBytes(("prooftrail:run:" + run.transactionId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static Map<String, Object> dataset(ArtifactRecord record, Digest digest, String role) {
        Map<String, Object> version = facet(VERSION_FACET_SCHEMA);
        version.put("datasetVersion", digest.toString());
        Map<String, Object> digestFacet = facet(FACETS_SCHEMA + "#/$defs/ProofTrailDigestDatasetFacet");
        digestFacet.put("algorithm", "sha256");
        digestFacet.put("digest", digest.hex());
        digestFacet.put("registeredDigest", record.digest().toString());
        digestFacet.put("kind", record.kind().name());
        digestFacet.put("role", role);
        digestFacet.put("owner", record.owner());
        digestFacet.put("txId", record.transactionId());
        Map<String, Object> facets = new TreeMap<>();
        facets.put("version", version);
        facets.put("prooftrail_digest", digestFacet);
        Map<String, Object> dataset = new TreeMap<>();
        dataset.put("namespace", NAMESPACE);
        dataset.put("name", record.id());
        dataset.put("facets", facets);
        return dataset;
    }

    private static Map<String, Object> facet(String schemaUrl) {
        Map<String, Object> facet = new TreeMap<>();
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", schemaUrl);
        return facet;
    }
}
