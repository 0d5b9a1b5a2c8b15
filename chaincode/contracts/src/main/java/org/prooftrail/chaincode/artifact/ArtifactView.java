package org.prooftrail.chaincode.artifact;

import java.util.List;
import java.util.SortedMap;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ArtifactState;
import org.prooftrail.chaincode.record.MerkleRef;

/** What {@code artifact:Get} returns: the registered record with its current status, as one flat object. */
public final class ArtifactView {
    private final Artifact artifact;
    private final ArtifactState state;

    public ArtifactView(Artifact artifact, ArtifactState state) {
        this.artifact = artifact;
        this.state = state;
    }

    public String getId() {
        return artifact.getId();
    }

    public String getKind() {
        return artifact.getKind();
    }

    public String getDigest() {
        return artifact.getDigest();
    }

    public Long getSize() {
        return artifact.getSize();
    }

    public String getUri() {
        return artifact.getUri();
    }

    public MerkleRef getMerkle() {
        return artifact.getMerkle();
    }

    public List<String> getParents() {
        return artifact.getParents();
    }

    public SortedMap<String, String> getMetadata() {
        return artifact.getMetadata();
    }

    public String getOwner() {
        return artifact.getOwner();
    }

    public String getRegisteredBy() {
        return artifact.getRegisteredBy();
    }

    public String getRegisteredAt() {
        return artifact.getRegisteredAt();
    }

    public String getTxId() {
        return artifact.getTxId();
    }

    public Boolean getRequiresConsent() {
        return artifact.getRequiresConsent();
    }

    public List<String> getConsentFrom() {
        return artifact.getConsentFrom();
    }

    public String getStatus() {
        return state.getStatus();
    }

    /** The last status change, or null while the artifact is as registered. */
    public ArtifactState getStatusChange() {
        return state.getTxId().equals(artifact.getTxId()) ? null : state;
    }
}
