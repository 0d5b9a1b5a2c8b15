package org.prooftrail.chaincode.lineage;

import java.util.OptionalLong;
import org.prooftrail.chaincode.artifact.Artifact;
import org.prooftrail.chaincode.identity.Caller;

/**
 * The seam where training permission is decided for each input of a run: the access-grant check (the trainer's
 * organisation needs a {@code TRAINING} grant on another organisation's data) and the consent check (a
 * consent-requiring dataset needs a current consent attestation) plug in here. A gate fails with
 * {@code FAILED_PRECONDITION} naming the dataset and what is missing.
 */
@FunctionalInterface
public interface TrainingGate {
    /** Admits every input: the registry's own checks (existence, status, digest) still apply. */
    TrainingGate OPEN = (trainer, input) -> OptionalLong.empty();

    /**
     * Admits an input or fails with {@code FAILED_PRECONDITION}; for a dataset that requires consent, returns the
     * version of the consent attestation the run relies on, which lineage records.
     */
    OptionalLong admit(Caller trainer, Artifact input);
}
