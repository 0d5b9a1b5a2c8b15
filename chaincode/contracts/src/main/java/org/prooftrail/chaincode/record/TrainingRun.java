package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** A recorded training run: what went in, with which code and configuration, and what came out. Immutable. */
public final class TrainingRun {
    private final String id;
    private final List<RunInput> inputs;
    private final String code;
    private final String config;
    private final SortedMap<String, String> parameters;
    private final SortedMap<String, String> environment;
    private final List<String> outputs;
    private final String trainer;
    private final String recordedBy;
    private final String recordedAt;
    private final String txId;
    private final List<ConsentReliance> consents;

    public TrainingRun(
            @JsonProperty("id") String id,
            @JsonProperty("inputs") List<RunInput> inputs,
            @JsonProperty("code") String code,
            @JsonProperty("config") String config,
            @JsonProperty("parameters") Map<String, String> parameters,
            @JsonProperty("environment") Map<String, String> environment,
            @JsonProperty("outputs") List<String> outputs,
            @JsonProperty("trainer") String trainer,
            @JsonProperty("recordedBy") String recordedBy,
            @JsonProperty("recordedAt") String recordedAt,
            @JsonProperty("txId") String txId,
            @JsonProperty("consents") List<ConsentReliance> consents) {
        this.id = Objects.requireNonNull(id, "id");
        this.inputs = List.copyOf(inputs == null ? List.of() : inputs);
        this.code = code;
        this.config = config;
        this.parameters = parameters == null ? new TreeMap<>() : new TreeMap<>(parameters);
        this.environment = environment == null ? new TreeMap<>() : new TreeMap<>(environment);
        this.outputs = List.copyOf(outputs == null ? List.of() : outputs);
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.recordedBy = Objects.requireNonNull(recordedBy, "recordedBy");
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
        this.consents = consents == null || consents.isEmpty() ? null : List.copyOf(consents);
    }

    public String getId() {
        return id;
    }

    public List<RunInput> getInputs() {
        return inputs;
    }

    public String getCode() {
        return code;
    }

    public String getConfig() {
        return config;
    }

    public SortedMap<String, String> getParameters() {
        return new TreeMap<>(parameters);
    }

    public SortedMap<String, String> getEnvironment() {
        return new TreeMap<>(environment);
    }

    public List<String> getOutputs() {
        return outputs;
    }

    /** The MSP ID of the organisation that trained. */
    public String getTrainer() {
        return trainer;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public String getRecordedAt() {
        return recordedAt;
    }

    public String getTxId() {
        return txId;
    }

    /**
     * Every consent attestation the run relied on, direct inputs and governed ancestors alike; absent (null in the
     * stored JSON) when none, so runs without consent keep their first-wave bytes.
     */
    public List<ConsentReliance> getConsents() {
        return consents;
    }

    /** {@link #getConsents()}, never null. */
    public List<ConsentReliance> consentsRelied() {
        return consents == null ? List.of() : consents;
    }
}
