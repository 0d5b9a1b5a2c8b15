package org.prooftrail.chaincode.lineage;

import java.util.OptionalLong;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.record.Artifact;

/**
 * The seam where training permission is decided for each input of a run and for everything upstream of it (its
 * parents, and the inputs of the runs that produced it, transitively): the access-grant check (the trainer's
 * organisation needs a {@code TRAINING} grant on another organisation's data) and the consent check (a
 * consent-requiring dataset needs a current consent attestation) plug in here. Lineage walks the upstream; the gate
 * judges one artifact at a time, and fails with {@code FAILED_PRECONDITION} naming the dataset and what is missing.
 */
@FunctionalInterface
public interface TrainingGate {
    /** Admits every artifact: the registry's own checks on direct inputs (existence, status, digest) still apply. */
    TrainingGate OPEN = (trainer, artifact, input) -> OptionalLong.empty();

    /**
     * Admits {@code artifact}, the run input {@code input} itself or an artifact upstream of it, or fails with
     * {@code FAILED_PRECONDITION}; for a dataset that requires consent, returns the version of its consent
     * attestation the run relies on, which lineage records.
     */
    OptionalLong admit(Caller trainer, Artifact artifact, String input);
}
