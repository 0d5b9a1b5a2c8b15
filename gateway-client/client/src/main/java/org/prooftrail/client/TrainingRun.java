package org.prooftrail.client;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * A recorded training run ({@code lineage:RecordRun}, {@code lineage:GetRun}).
 *
 * @param inputs the input artifacts with the digests the trainer saw
 * @param code the {@code CODE} artifact, if named
 * @param config the {@code CONFIG} artifact, if named
 * @param outputs the models the run produced
 * @param trainer the trainer's MSP ID
 * @param consents the consent attestation versions the run relied on
 * @param unendorsed artifacts whose owner did not endorse the run's claim on them (see docs/trust-model.md)
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record TrainingRun(
        String id,
        List<Input> inputs,
        Optional<String> code,
        Optional<String> config,
        SortedMap<String, String> parameters,
        SortedMap<String, String> environment,
        List<String> outputs,
        String trainer,
        String recordedBy,
        Instant recordedAt,
        String transactionId,
        List<ConsentReliance> consents,
        List<Unendorsed> unendorsed,
        String json) {

    public TrainingRun {
        Objects.requireNonNull(id, "id");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(config, "config");
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        consents = List.copyOf(consents);
        unendorsed = List.copyOf(unendorsed);
        Objects.requireNonNull(json, "json");
    }

    /**
     * An input and the digest the trainer saw; {@code consentVersion} is the attestation version relied on for a
     * consent-requiring dataset.
     */
    public record Input(String id, Digest digest, Optional<Long> consentVersion) {
        public Input {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(consentVersion, "consentVersion");
        }
    }

    /** A consent attestation version the run relied on. */
    public record ConsentReliance(String dataset, Purpose purpose, long version) {
        public ConsentReliance {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /** An artifact named by the run whose owner's guard key the run's transaction did not write. */
    public record Unendorsed(String artifact, String owner) {
        public Unendorsed {
            Objects.requireNonNull(artifact, "artifact");
            Objects.requireNonNull(owner, "owner");
        }
    }
}
