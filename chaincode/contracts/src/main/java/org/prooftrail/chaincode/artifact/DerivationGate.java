package org.prooftrail.chaincode.artifact;

import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.record.Artifact;

/**
 * The seam where deriving from another organisation's artifact is decided: registering an artifact whose parent
 * belongs to another organisation needs that owner's permission, which the access grants hold (composed where the
 * contracts are wired, so that the registry does not depend on the access rules). A gate fails with
 * {@code FAILED_PRECONDITION} naming the parent and how to obtain the permission.
 */
@FunctionalInterface
public interface DerivationGate {
    /** Admits every derivation. */
    DerivationGate OPEN = (registrant, parent, child) -> {};

    /** Admits registering {@code child} derived from {@code parent}, owned by another organisation, or fails. */
    void admit(Caller registrant, Artifact parent, String child);
}
