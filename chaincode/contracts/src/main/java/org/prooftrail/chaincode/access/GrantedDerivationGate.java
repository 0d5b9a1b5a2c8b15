package org.prooftrail.chaincode.access;

import org.prooftrail.chaincode.artifact.DerivationGate;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * The derivation gate in force: deriving from another organisation's artifact needs an active {@code DERIVE}
 * grant from its owner to the registrant's organisation (any role, or one the registrant holds).
 */
public final class GrantedDerivationGate implements DerivationGate {
    private final Ledger ledger;

    public GrantedDerivationGate(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void admit(Caller registrant, Artifact parent, String child) {
        AccessService.Decision decision = new AccessService(ledger, registrant).decide(parent, Purpose.DERIVE.name());
        if (!decision.allowed()) {
            throw ProofTrailException.failedPrecondition("registering " + child + " derived from " + parent.getId()
                    + " is not allowed: " + decision.reason() + "; the owner " + parent.getOwner()
                    + " can grant DERIVE with access:Grant");
        }
    }
}
