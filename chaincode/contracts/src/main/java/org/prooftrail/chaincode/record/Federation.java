package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A federation: the coordinator organisation, its member organisations, the initial global model, the aggregation
 * rule, the minimum participants per round, the purpose (TRAINING) and how long a round stays open. Immutable.
 */
public final class Federation {
    private final String id;
    private final String coordinator;
    private final List<String> members;
    private final String initialModel;
    private final String rule;
    private final long minParticipants;
    private final String purpose;
    private final long roundSeconds;
    private final String openedBy;
    private final String openedAt;
    private final String txId;

    // Genson binds every stored field through this one constructor.
    @SuppressWarnings({"PMD.ExcessiveParameterList"})
    public Federation(
            @JsonProperty("id") String id,
            @JsonProperty("coordinator") String coordinator,
            @JsonProperty("members") List<String> members,
            @JsonProperty("initialModel") String initialModel,
            @JsonProperty("rule") String rule,
            @JsonProperty("minParticipants") long minParticipants,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("roundSeconds") long roundSeconds,
            @JsonProperty("openedBy") String openedBy,
            @JsonProperty("openedAt") String openedAt,
            @JsonProperty("txId") String txId) {
        this.id = Objects.requireNonNull(id, "id");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.members = List.copyOf(members == null ? List.of() : members);
        this.initialModel = Objects.requireNonNull(initialModel, "initialModel");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.minParticipants = minParticipants;
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.roundSeconds = roundSeconds;
        this.openedBy = Objects.requireNonNull(openedBy, "openedBy");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getId() {
        return id;
    }

    /** The MSP ID of the organisation that opens rounds and aggregates. */
    public String getCoordinator() {
        return coordinator;
    }

    /** The MSP IDs of the organisations that may submit updates, sorted. */
    public List<String> getMembers() {
        return members;
    }

    public String getInitialModel() {
        return initialModel;
    }

    public String getRule() {
        return rule;
    }

    public long getMinParticipants() {
        return minParticipants;
    }

    public String getPurpose() {
        return purpose;
    }

    /** How long a round stays open for updates unless its opening says otherwise. */
    public long getRoundSeconds() {
        return roundSeconds;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    public String getOpenedAt() {
        return openedAt;
    }

    public String getTxId() {
        return txId;
    }
}
