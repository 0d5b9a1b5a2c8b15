package org.prooftrail.chaincode.contract;

import java.util.OptionalLong;
import org.prooftrail.chaincode.access.AccessService;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.lineage.TrainingGate;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.AttestationStatus;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * The training gate in force, for a run input and each artifact upstream of it: one owned by another organisation
 * needs an active {@code TRAINING} grant to the trainer's organisation, and a dataset registered as requiring
 * consent needs a current, active consent attestation for {@code TRAINING}: at least one subject, not STALE (a
 * counted consent was revoked or erased since) and not past its earliest expiry.
 */
public final class GovernedTrainingGate implements TrainingGate {
    private final Ledger ledger;

    public GovernedTrainingGate(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public OptionalLong admit(Caller trainer, Artifact artifact, String input) {
        boolean direct = artifact.getId().equals(input);
        AccessService.Decision decision = new AccessService(ledger, trainer).decide(artifact, Purpose.TRAINING.name());
        if (!decision.allowed()) {
            throw ProofTrailException.failedPrecondition("training on " + input
                    + (direct ? "" : ", which derives from " + artifact.getId() + ",") + " is not allowed: "
                    + decision.reason() + "; the owner can grant it with access:Grant");
        }
        if (!Boolean.TRUE.equals(artifact.getRequiresConsent())) {
            return OptionalLong.empty();
        }
        String dataset = "dataset " + artifact.getId() + (direct ? "" : ", upstream of input " + input + ",");
        String purpose = Purpose.TRAINING.name();
        ConsentAttestation attestation = ledger.consent()
                .findAttestation(artifact.getId(), purpose)
                .filter(ConsentAttestation::attested)
                .orElseThrow(() -> ProofTrailException.failedPrecondition(dataset
                        + " requires consent and has no consent attestation for TRAINING; its owner "
                        + artifact.getOwner() + " must attest consent (consent:Attest) first"))
                .asOf(ledger.tx().timestamp());
        String problem = null;
        if (AttestationStatus.REVOKED.name().equals(attestation.getStatus())) {
            problem = "was revoked (" + attestation.getReason() + ")";
        } else if (attestation.markedStale()) {
            problem = "is STALE: " + attestation.getStaleReason()
                    + (attestation.getStaleTxId() == null ? "" : " in transaction " + attestation.getStaleTxId())
                    + "; its owner " + artifact.getOwner() + " must re-attest (consent:Attest)";
        } else if (!AttestationStatus.ACTIVE.name().equals(attestation.getStatus())) {
            problem = "is " + attestation.getStatus();
        } else if (attestation.getCount() == 0) {
            problem = "counts no consenting subject";
        }
        if (problem != null) {
            throw ProofTrailException.failedPrecondition(dataset + " requires consent and its TRAINING consent"
                    + " attestation (version " + attestation.getVersion() + ") " + problem);
        }
        return OptionalLong.of(attestation.getVersion());
    }
}
