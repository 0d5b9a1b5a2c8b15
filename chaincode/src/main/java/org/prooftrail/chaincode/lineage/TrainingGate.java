package org.prooftrail.chaincode.lineage;

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
    TrainingGate OPEN = (trainer, input) -> {};

    void admit(Caller trainer, Artifact input);
}
