package org.prooftrail.client;

import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.Purpose;

/**
 * The one place where the chaincode's JSON answers become result types: each method reads one documented shape
 * (docs/chaincode.md). Required fields that are missing, values of the wrong type and enum values this client does
 * not know are refused with a {@link ProofTrailClientException} naming the field; fields it does not read are
 * ignored (and kept in each result's {@code json}).
 */
final class Answers {
    private Answers() {}

    static ArtifactRecord artifact(Answer a) {
        return new ArtifactRecord(
                a.string("id"),
                a.enumValue("kind", ArtifactKind.class),
                a.digest("digest"),
                a.optionalInteger("size"),
                a.text("uri"),
                a.optionalObject("merkle").map(m -> new ArtifactRecord.Merkle(m.digest("root"), m.integer("leaves"))),
                a.strings("parents"),
                new TreeMap<>(a.stringMap("metadata")),
                a.bool("requiresConsent"),
                a.strings("consentFrom"),
                a.string("owner"),
                a.string("registeredBy"),
                a.instant("registeredAt"),
                a.string("txId"),
                a.enumValue("status", ArtifactStatus.class),
                a.optionalObject("statusChange")
                        .map(c -> new ArtifactRecord.StatusChange(
                                c.enumValue("status", ArtifactStatus.class),
                                c.text("reason"),
                                c.optionalString("changedBy").orElse(""),
                                c.optionalString("changedByOrg").orElse(""),
                                c.instant("changedAt"),
                                c.optionalString("txId").orElse(""))),
                a.json());
    }

    static VerificationOutcome verification(Answer a) {
        return new VerificationOutcome(
                a.string("id"),
                a.bool("match"),
                a.digest("expected"),
                a.digest("actual"),
                a.enumValue("status", ArtifactStatus.class),
                a.json());
    }

    static VerificationRecord verificationRecord(Answer a) {
        return new VerificationRecord(
                a.string("id"),
                a.digest("digestSeen"),
                a.digest("expected"),
                a.bool("match"),
                a.enumValue("purpose", Purpose.class),
                a.text("note"),
                a.enumValue("status", ArtifactStatus.class),
                a.optionalString("verifiedBy").orElse(""),
                a.optionalString("verifierOrg").orElse(""),
                a.instant("verifiedAt"),
                a.string("txId"),
                a.json());
    }

    static ArtifactVerifications verifications(Answer a) {
        return new ArtifactVerifications(
                a.string("id"), a.objects("verifications", Answers::verificationRecord), a.json());
    }

    static HistoryEntry historyEntry(Answer a) {
        return new HistoryEntry(
                a.enumValue("type", HistoryEntry.Type.class),
                a.string("txId"),
                a.instant("timestamp"),
                a.text("by"),
                a.text("org"),
                a.optionalDigest("digest"),
                a.optionalEnum("status", ArtifactStatus.class),
                a.text("reason"),
                a.has("match") ? Optional.of(a.bool("match")) : Optional.empty(),
                a.optionalEnum("purpose", Purpose.class),
                a.bool("tampered"),
                a.strings("differences"),
                a.json());
    }

    static <T> Page<T> page(Answer a, Function<Answer, T> item) {
        return new Page<>(
                a.objects("items", item),
                a.optionalInteger("count").orElse(0L),
                a.optionalString("bookmark").orElse(""),
                a.json());
    }

    static InclusionCheck inclusion(Answer a) {
        return new InclusionCheck(
                a.string("id"),
                a.bool("included"),
                a.optionalDigest("root"),
                a.digest("leafDigest"),
                a.integer("leafIndex"),
                a.integer("treeSize"),
                a.text("reason"),
                a.json());
    }

    static TrainingRun run(Answer a) {
        return new TrainingRun(
                a.string("id"),
                a.objects(
                        "inputs",
                        i -> new TrainingRun.Input(
                                i.string("id"), i.digest("digest"), i.optionalInteger("consentVersion"))),
                a.text("code"),
                a.text("config"),
                new TreeMap<>(a.stringMap("parameters")),
                new TreeMap<>(a.stringMap("environment")),
                a.strings("outputs"),
                a.string("trainer"),
                a.optionalString("recordedBy").orElse(""),
                a.instant("recordedAt"),
                a.string("txId"),
                a.objects(
                        "consents",
                        c -> new TrainingRun.ConsentReliance(
                                c.string("dataset"), c.enumValue("purpose", Purpose.class), c.integer("version"))),
                a.objects("unendorsed", u -> new TrainingRun.Unendorsed(u.string("artifact"), u.string("owner"))),
                a.json());
    }

    static Federation federation(Answer a) {
        return new Federation(
                a.string("id"),
                a.string("coordinator"),
                a.strings("members"),
                a.string("initialModel"),
                a.string("rule"),
                a.integer("minParticipants"),
                a.integer("roundSeconds"),
                a.optionalString("openedBy").orElse(""),
                a.instant("openedAt"),
                a.string("txId"),
                a.optionalInteger("rounds").orElse(0L),
                a.optionalObject("currentRound").map(Answers::federationRound),
                a.json());
    }

    static FederationRound federationRound(Answer a) {
        return new FederationRound(
                a.string("federation"),
                a.integer("round"),
                a.string("baseModel"),
                a.digest("baseDigest"),
                a.instant("deadline"),
                a.enumValue("status", FederationRound.Status.class),
                a.instant("openedAt"),
                a.string("txId"),
                a.text("model"),
                a.optionalDigest("modelDigest"),
                a.strings("updates"),
                a.optionalDigest("merkleRoot"),
                a.optionalInteger("samples"),
                a.optionalInstant("aggregatedAt"),
                a.text("aggregateTxId"),
                a.objects("submitted", Answers::federatedUpdate),
                a.json());
    }

    static FederatedUpdate federatedUpdate(Answer a) {
        return new FederatedUpdate(
                a.string("id"),
                a.string("federation"),
                a.integer("round"),
                a.string("member"),
                a.digest("digest"),
                a.objects(
                        "datasets",
                        i -> new TrainingRun.Input(
                                i.string("id"), i.digest("digest"), i.optionalInteger("consentVersion"))),
                a.integer("samples"),
                a.objects(
                        "consents",
                        c -> new TrainingRun.ConsentReliance(
                                c.string("dataset"), c.enumValue("purpose", Purpose.class), c.integer("version"))),
                a.optionalString("submittedBy").orElse(""),
                a.instant("submittedAt"),
                a.string("txId"),
                a.json());
    }

    static FederationHistory federationHistory(Answer a) {
        return new FederationHistory(a.string("federation"), a.objects("rounds", Answers::federationRound), a.json());
    }

    static ComplianceReason reason(Answer a) {
        return new ComplianceReason(
                a.enumValue("severity", ComplianceStatus.class),
                a.string("code"),
                a.string("node"),
                a.text("txId"),
                a.optionalString("message").orElse(""));
    }

    static Deployment deployment(Answer a) {
        return new Deployment(
                a.string("id"),
                a.string("model"),
                a.digest("modelDigest"),
                a.string("environment"),
                a.text("endpoint"),
                a.string("owner"),
                a.optionalString("recordedBy").orElse(""),
                a.instant("recordedAt"),
                a.string("txId"),
                a.enumValue("status", DeploymentStatus.class),
                a.enumValue("compliance", ComplianceStatus.class),
                a.text("acceptedRisk"),
                a.objects("riskReasons", Answers::reason),
                a.optionalObject("retirement")
                        .map(r -> new Deployment.Retirement(
                                r.enumValue("status", DeploymentStatus.class),
                                r.text("reason"),
                                r.optionalString("changedBy").orElse(""),
                                r.instant("changedAt"),
                                r.optionalString("txId").orElse(""))),
                a.json());
    }

    static LineageGraph graph(Answer a) {
        return new LineageGraph(
                a.string("root"),
                a.lowerCaseEnum("direction", LineageGraph.Direction.class),
                a.optionalInteger("depth").orElse(0L),
                a.objects(
                        "nodes",
                        n -> new LineageGraph.Node(
                                n.string("key"),
                                n.string("type"),
                                n.string("id"),
                                n.text("kind"),
                                n.text("digest"),
                                n.text("owner"),
                                n.text("status"),
                                n.text("environment"))),
                a.objects("edges", e -> new LineageGraph.Edge(e.string("from"), e.string("to"), e.string("relation"))),
                a.bool("truncated"),
                a.json());
    }

    static ComplianceReport compliance(Answer a) {
        return new ComplianceReport(
                a.string("id"),
                a.string("node"),
                a.enumValue("status", ComplianceStatus.class),
                a.objects("reasons", Answers::reason),
                a.text("acceptedRisk"),
                a.json());
    }

    static ComplianceScan scan(Answer a) {
        return new ComplianceScan(
                a.instant("asOf"),
                a.integer("withinDays"),
                a.text("owner"),
                a.objects(
                        "items",
                        i -> new ComplianceScan.Item(
                                i.lowerCaseEnum("kind", ComplianceScan.Kind.class),
                                i.string("id"),
                                i.optionalString("owner").orElse(""),
                                i.text("grantee"),
                                i.text("role"),
                                i.text("purpose"),
                                i.string("status"),
                                i.optionalInstant("expiresAt"),
                                i.optionalString("action").orElse(""),
                                i.text("txId"),
                                i.objects("reasons", Answers::reason))),
                a.bool("needsAction"),
                a.bool("truncated"),
                a.json());
    }

    static AccessGrant grant(Answer a) {
        return new AccessGrant(
                a.string("artifact"),
                a.string("owner"),
                a.string("grantee"),
                a.text("role"),
                a.enums("purposes", Purpose.class),
                a.instant("expiresAt"),
                a.enumValue("status", GrantStatus.class),
                a.text("reason"),
                a.optionalString("changedBy").orElse(""),
                a.instant("changedAt"),
                a.string("txId"),
                a.json());
    }

    static AccessRecord access(Answer a) {
        return new AccessRecord(
                a.string("artifact"),
                a.optionalString("owner").orElse(""),
                a.string("accessor"),
                a.optionalString("accessorId").orElse(""),
                a.enumValue("purpose", Purpose.class),
                a.enumValue("decision", AccessDecision.class),
                a.text("reason"),
                a.text("note"),
                a.instant("at"),
                a.string("txId"),
                a.json());
    }

    static ConsentReceipt consentReceipt(Answer a) {
        return new ConsentReceipt(
                a.string("dataset"),
                a.optionalString("collection").orElse(""),
                a.enumValue("status", ConsentStatus.class),
                a.string("txId"),
                a.objects(
                        "staleAttestations",
                        s -> new ConsentReceipt.StaleAttestation(
                                s.enumValue("purpose", Purpose.class), s.integer("version"))),
                a.json());
    }

    static ConsentCheck consentCheck(Answer a) {
        return new ConsentCheck(
                a.string("dataset"),
                a.enumValue("purpose", Purpose.class),
                a.bool("consented"),
                a.enumValue("status", ConsentStatus.class),
                a.optionalInstant("expiresAt"),
                a.enums("purposes", Purpose.class),
                a.json());
    }

    static ConsentAttestation attestation(Answer a) {
        return new ConsentAttestation(
                a.string("dataset"),
                a.enumValue("purpose", Purpose.class),
                a.string("owner"),
                a.integer("count"),
                a.digest("root"),
                a.optionalInstant("validUntil"),
                a.integer("version"),
                a.enumValue("status", AttestationStatus.class),
                a.text("reason"),
                a.optionalString("attestedBy").orElse(""),
                a.instant("attestedAt"),
                a.string("txId"),
                a.text("staleReason"),
                a.text("staleTxId"),
                a.optionalInstant("staleAt"),
                a.json());
    }

    static ConsentProof consentProof(Answer a) {
        return new ConsentProof(
                a.string("dataset"),
                a.enumValue("purpose", Purpose.class),
                a.integer("version"),
                a.digest("root"),
                a.digest("leafDigest"),
                a.integer("leafIndex"),
                a.integer("treeSize"),
                a.digests("path"),
                a.json());
    }

    static ConsentInclusion consentInclusion(Answer a) {
        return new ConsentInclusion(
                a.string("dataset"),
                a.enumValue("purpose", Purpose.class),
                a.optionalInteger("version").orElse(0L),
                a.bool("included"),
                a.text("reason"),
                a.json());
    }

    static ErasureReceipt erasure(Answer a) {
        return new ErasureReceipt(
                a.string("id"),
                a.string("dataset"),
                a.optionalString("collection").orElse(""),
                a.optionalString("keyHash").orElse(""),
                a.optionalString("valueHash").orElse(""),
                a.strings("attestations"),
                a.text("reason"),
                a.optionalString("erasedBy").orElse(""),
                a.optionalString("erasedByOrg").orElse(""),
                a.instant("erasedAt"),
                a.string("txId"),
                a.json());
    }
}
