package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prooftrail export} validated with a JSON-schema validator against the schemas kept in test resources
 * (schemas/SOURCES.md says where each comes from): the published OpenLineage 2-0-2 schema and facet schema, and for
 * in-toto/SLSA, which publish no JSON schema, prooftrail's transcription of their published proto and CUE schemas.
 * Each positive test has a negative twin: the same export with a required field removed fails.
 */
class ExportSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OPENLINEAGE = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
    private static final String VERSION_FACET =
            "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json";
    private static final String FACETS = "urn:prooftrail:openlineage:facets:1-0-0";
    private static final String IN_TOTO = "urn:prooftrail:test:in-toto-statement-v1-slsa-provenance-v1";

    @TempDir
    static Path tmp;

    private static Path home;
    private static SchemaRegistry registry;

    @BeforeAll
    static void writeLedgerAndLoadSchemas() throws IOException {
        home = tmp.resolve("home");
        ReportStory.write(home);
        Map<String, String> schemas = new TreeMap<>();
        schemas.put(OPENLINEAGE, resource("schemas/openlineage/OpenLineage.json"));
        schemas.put(VERSION_FACET, resource("schemas/openlineage/DatasetVersionDatasetFacet.json"));
        schemas.put(IN_TOTO, resource("schemas/in-toto/in-toto-statement-v1-slsa-provenance-v1.schema.json"));
        // prooftrail's own facet schema is published in docs/, read from there so the test checks what is documented.
        schemas.put(
                FACETS, Files.readString(Path.of("../../docs/schemas/ProofTrailFacets.json"), StandardCharsets.UTF_8));
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(schemas).schemaRegistryConfig(config));
    }

    private static String resource(String name) {
        try (InputStream in = ExportSchemaTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(String schema, JsonNode document) {
        Schema loaded = registry.getSchema(SchemaLocation.of(schema));
        return loaded.validate(document.toString(), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static String export(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("export"));
        all.addAll(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int exit = commandLine.execute(all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class In_toto {
        private ObjectNode statement(String id) {
            return read(export(id, "--format", "in-toto"));
        }

        @Test
        void a_trained_model_is_a_valid_statement_with_the_run_as_its_slsa_build() {
            ObjectNode statement = statement(ReportStory.MODEL);

            assertThat(errors(IN_TOTO, statement)).isEmpty();
            assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
            assertThat(statement.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
            JsonNode subject = statement.get("subject").get(0);
            assertThat(subject.get("name").asText()).isEqualTo(ReportStory.MODEL);
            assertThat(subject.get("digest").get("sha256").asText()).isEqualTo(ReportStory.MODEL_DIGEST.hex());
            JsonNode build = statement.get("predicate").get("buildDefinition");
            assertThat(build.get("buildType").asText()).isEqualTo("urn:prooftrail:buildtype:training-run:v1");
            assertThat(build.get("externalParameters").get("run").asText()).isEqualTo(ReportStory.RUN);
            JsonNode dependencies = build.get("resolvedDependencies");
            assertThat(dependencies).hasSize(2);
            assertThat(dependencies.get(0).get("name").asText()).isEqualTo(ReportStory.DATASET);
            assertThat(dependencies.get(0).get("digest").get("sha256").asText())
                    .isEqualTo(ReportStory.DATASET_DIGEST.hex());
            assertThat(dependencies.get(0).get("uri").asText()).isEqualTo("s3://lab-bucket/scans");
            assertThat(dependencies.get(1).get("name").asText()).isEqualTo(ReportStory.CODE);
            assertThat(dependencies.get(1).get("annotations").get("role").asText())
                    .isEqualTo("code");
            JsonNode run = statement.get("predicate").get("runDetails");
            assertThat(run.get("builder").get("id").asText())
                    .startsWith("urn:prooftrail:builder:ResearchMSP:x509%3A%3ACN%3D");
            assertThat(run.get("metadata").get("invocationId").asText()).isEqualTo(ReportStory.RUN);
            assertThat(run.get("byproducts")).hasSize(4);
            run.get("byproducts")
                    .forEach(byproduct ->
                            assertThat(byproduct.get("uri").asText()).matches("urn:prooftrail:tx:[0-9a-f]{64}"));
        }

        @Test
        void an_artifact_without_a_run_is_a_valid_statement_of_its_registration() {
            ObjectNode statement = statement(ReportStory.DATASET);

            assertThat(errors(IN_TOTO, statement)).isEmpty();
            assertThat(statement
                            .get("predicate")
                            .get("buildDefinition")
                            .get("buildType")
                            .asText())
                    .isEqualTo("urn:prooftrail:buildtype:registration:v1");
        }

        @Test
        void fails_validation_without_a_build_type() {
            ObjectNode statement = statement(ReportStory.MODEL);
            ((ObjectNode) statement.get("predicate").get("buildDefinition")).remove("buildType");

            assertThat(errors(IN_TOTO, statement)).anyMatch(error -> error.contains("buildType"));
        }

        @Test
        void fails_validation_with_a_subject_without_a_digest() {
            ObjectNode statement = statement(ReportStory.MODEL);
            ((ObjectNode) statement.get("subject").get(0)).remove("digest");

            assertThat(errors(IN_TOTO, statement)).anyMatch(error -> error.contains("digest"));
        }

        @Test
        void fails_validation_with_another_statement_type_or_a_malformed_digest() {
            ObjectNode statement = statement(ReportStory.MODEL);
            statement.put("_type", "https://in-toto.io/Statement/v0.1");
            ((ObjectNode) statement.get("subject").get(0).get("digest")).put("sha256", "not-hex");

            assertThat(errors(IN_TOTO, statement)).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Nested
    class Open_lineage {
        private List<ObjectNode> events() {
            return export(ReportStory.MODEL, "--format", "openlineage")
                    .lines()
                    .map(ExportSchemaTest::read)
                    .toList();
        }

        @Test
        void every_run_upstream_is_a_run_event_valid_against_the_published_schema_and_facets() {
            List<ObjectNode> events = events();

            assertThat(events).hasSize(1);
            ObjectNode event = events.get(0);
            assertThat(errors(OPENLINEAGE, event)).isEmpty();
            assertThat(event.get("eventType").asText()).isEqualTo("COMPLETE");
            assertThat(UUID.fromString(event.get("run").get("runId").asText())).isNotNull();
            assertThat(event.get("job").get("name").asText()).isEqualTo(ReportStory.RUN);
            assertThat(errors(
                            FACETS + "#/$defs/ProofTrailTransactionRunFacet",
                            event.get("run").get("facets").get("prooftrail_transaction")))
                    .isEmpty();
            List<JsonNode> datasets = new ArrayList<>();
            event.get("inputs").forEach(datasets::add);
            event.get("outputs").forEach(datasets::add);
            assertThat(datasets)
                    .extracting(dataset -> dataset.get("name").asText())
                    .containsExactly(ReportStory.DATASET, ReportStory.CODE, ReportStory.MODEL);
            for (JsonNode dataset : datasets) {
                JsonNode facets = dataset.get("facets");
                assertThat(errors(VERSION_FACET, facets)).isEmpty();
                assertThat(errors(FACETS + "#/$defs/ProofTrailDigestDatasetFacet", facets.get("prooftrail_digest")))
                        .isEmpty();
            }
            assertThat(event.get("outputs")
                            .get(0)
                            .get("facets")
                            .get("prooftrail_digest")
                            .get("digest")
                            .asText())
                    .isEqualTo(ReportStory.MODEL_DIGEST.hex());
            assertThat(event.get("inputs")
                            .get(0)
                            .get("facets")
                            .get("version")
                            .get("datasetVersion")
                            .asText())
                    .isEqualTo(ReportStory.DATASET_DIGEST.toString());
        }

        @Test
        void the_same_run_exports_the_same_run_id() {
            assertThat(events().get(0).get("run").get("runId"))
                    .isEqualTo(events().get(0).get("run").get("runId"));
        }

        @Test
        void fails_validation_without_a_run_id() {
            ObjectNode event = events().get(0);
            ((ObjectNode) event.get("run")).remove("runId");

            assertThat(errors(OPENLINEAGE, event)).anyMatch(error -> error.contains("runId"));
        }

        @Test
        void fails_validation_with_a_facet_without_its_producer() {
            ObjectNode event = events().get(0);
            ((ObjectNode) event.get("outputs").get(0).get("facets").get("prooftrail_digest")).remove("_producer");

            assertThat(errors(OPENLINEAGE, event)).anyMatch(error -> error.contains("_producer"));
        }

        @Test
        void fails_validation_of_the_digest_facet_without_a_digest_and_of_an_event_time_that_is_no_date() {
            ObjectNode event = events().get(0);
            ObjectNode digest =
                    (ObjectNode) event.get("outputs").get(0).get("facets").get("prooftrail_digest");
            digest.remove("digest");
            event.put("eventTime", "yesterday");

            assertThat(errors(FACETS + "#/$defs/ProofTrailDigestDatasetFacet", digest))
                    .anyMatch(error -> error.contains("digest"));
            assertThat(errors(OPENLINEAGE, event)).anyMatch(error -> error.contains("eventTime"));
        }
    }
}
