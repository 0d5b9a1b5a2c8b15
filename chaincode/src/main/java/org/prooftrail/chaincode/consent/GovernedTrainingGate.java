package org.prooftrail.chaincode.consent;

import java.time.Instant;
import java.util.OptionalLong;
import org.prooftrail.chaincode.access.AccessService;
import org.prooftrail.chaincode.artifact.Artifact;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.lineage.TrainingGate;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * The training gate in force: an input owned by another organisation needs an active {@code TRAINING} grant to
 * the trainer's organisation, and a dataset registered as requiring consent needs a current, active consent
 * attestation for {@code TRAINING} (at least one subject, not past its earliest expiry).
 */
public final class GovernedTrainingGate implements TrainingGate {
    private final Ledger ledger;

    public GovernedTrainingGate(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public OptionalLong admit(Caller trainer, Artifact input) {
        AccessService.Decision decision = new AccessService(ledger, trainer).decide(input, Purpose.TRAINING.name());
        if (!decision.allowed()) {
            throw ProofTrailException.failedPrecondition("training on " + input.getId() + " is not allowed: "
                    + decision.reason() + "; the owner can grant it with access:Grant");
        }
        if (!Boolean.TRUE.equals(input.getRequiresConsent())) {
            return OptionalLong.empty();
        }
        String purpose = Purpose.TRAINING.name();
        ConsentAttestation attestation = ledger.consent()
                .findAttestation(input.getId(), purpose)
                .filter(ConsentAttestation::attested)
                .orElseThrow(() -> ProofTrailException.failedPrecondition("dataset " + input.getId()
                        + " requires consent and has no consent attestation for TRAINING; its owner "
                        + input.getOwner() + " must attest consent (consent:Attest) first"));
        Instant now = ledger.tx().timestamp();
        String problem = null;
        if (!ConsentAttestation.ACTIVE.equals(attestation.getStatus())) {
            problem = "was revoked (" + attestation.getReason() + ")";
        } else if (attestation.getCount() == 0) {
            problem = "counts no consenting subject";
        } else if (attestation.getValidUntil() != null && !now.isBefore(Instant.parse(attestation.getValidUntil()))) {
            problem = "expired at " + attestation.getValidUntil();
        }
        if (problem != null) {
            throw ProofTrailException.failedPrecondition("dataset " + input.getId() + " requires consent and its"
                    + " TRAINING consent attestation (version " + attestation.getVersion() + ") " + problem);
        }
        return OptionalLong.of(attestation.getVersion());
    }
}
