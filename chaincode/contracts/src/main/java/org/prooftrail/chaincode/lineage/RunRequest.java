package org.prooftrail.chaincode.lineage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.record.RunInput;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;

/** The input of {@code lineage:RecordRun}, validated field by field. */
final class RunRequest {
    static final int MAX_INPUTS = 256;
    static final int MAX_OUTPUTS = 16;
    static final int MAX_ENTRIES = 64;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 1024;

    final String id;
    final List<RunInput> inputs;
    final String code;
    final String config;
    final SortedMap<String, String> parameters;
    final SortedMap<String, String> environment;
    final List<String> outputs;

    private RunRequest(
            String id,
            List<RunInput> inputs,
            String code,
            String config,
            SortedMap<String, String> parameters,
            SortedMap<String, String> environment,
            List<String> outputs) {
        this.id = id;
        this.inputs = inputs;
        this.code = code;
        this.config = config;
        this.parameters = parameters;
        this.environment = environment;
        this.outputs = outputs;
    }

    static RunRequest parse(String json) {
        JsonInput in = JsonInput.parse("run", json);
        String id = Ids.nodeId("run.id", in.requiredString("id"));
        List<JsonInput> inputList = in.objectList("inputs");
        if (inputList.isEmpty() || inputList.size() > MAX_INPUTS) {
            throw ProofTrailException.invalid("run.inputs must list between 1 and " + MAX_INPUTS
                    + " artifacts, each {\"id\", \"digest\"} as the trainer saw it");
        }
        Set<String> used = new HashSet<>();
        List<RunInput> inputs = new ArrayList<>();
        for (int i = 0; i < inputList.size(); i++) {
            JsonInput input = inputList.get(i);
            String inputId = Ids.id("run.inputs[" + i + "].id", input.requiredString("id"));
            Digest digest = Digest.parse("run.inputs[" + i + "].digest", input.requiredString("digest"));
            input.rejectUnknownFields();
            if (!used.add(inputId)) {
                throw ProofTrailException.invalid("run.inputs names " + inputId + " twice");
            }
            inputs.add(new RunInput(inputId, digest.toString(), null));
        }
        String code = in.optionalString("code").map(c -> Ids.id("run.code", c)).orElse(null);
        String config =
                in.optionalString("config").map(c -> Ids.id("run.config", c)).orElse(null);
        for (String other : new String[] {code, config}) {
            if (other != null && !used.add(other)) {
                throw ProofTrailException.invalid("run names " + other + " twice among inputs, code and config");
            }
        }
        SortedMap<String, String> parameters = bounded("run.parameters", in.stringMap("parameters"));
        SortedMap<String, String> environment = bounded("run.environment", in.stringMap("environment"));
        List<String> outputs = new ArrayList<>();
        List<String> outputList = in.stringList("outputs");
        if (outputList.isEmpty() || outputList.size() > MAX_OUTPUTS) {
            throw ProofTrailException.invalid("run.outputs must list between 1 and " + MAX_OUTPUTS
                    + " registered artifacts (the models the run produced)");
        }
        for (int i = 0; i < outputList.size(); i++) {
            String output = Ids.id("run.outputs[" + i + "]", outputList.get(i));
            if (used.contains(output)) {
                throw ProofTrailException.invalid("run.outputs names " + output
                        + ", which the run also consumes: a run cannot produce its own input");
            }
            if (outputs.contains(output)) {
                throw ProofTrailException.invalid("run.outputs names " + output + " twice");
            }
            outputs.add(output);
        }
        in.rejectUnknownFields();
        return new RunRequest(id, inputs, code, config, parameters, environment, outputs);
    }

    private static SortedMap<String, String> bounded(String field, SortedMap<String, String> map) {
        if (map.size() > MAX_ENTRIES) {
            throw ProofTrailException.invalid(field + " has more than " + MAX_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> entry : map.entrySet()) {
            Ids.text(field + " key", entry.getKey(), MAX_KEY, true);
            Ids.text(field + "." + entry.getKey(), entry.getValue(), MAX_VALUE, false);
        }
        return map;
    }
}
