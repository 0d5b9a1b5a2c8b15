package org.prooftrail.chaincode.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * The key-level endorsement policies the chaincode sets, as Fabric's {@code SignaturePolicyEnvelope} (the bytes a
 * peer's validator compiles). Fabric validates a write to a key that carries such a policy against that policy
 * alone, never against the chaincode's majority policy, so each policy here says in full who must endorse.
 *
 * <ul>
 *   <li>{@link #ownerOnly}: a peer of the owner. For the records the owner alone changes (status, grants, consent
 *       keys) and for the owner's guard keys, which every transaction relying on the owner's asset writes.
 *   <li>{@link #ownersAndAnother}: a peer of every owner and, if there is only one, a peer of one other member
 *       organisation as well. For evidence that never changes (artifact records, their indexes and edges, access-log
 *       entries, runs, consent-use edges): no majority without the owner, and not the owner alone, can rewrite or
 *       delete it.
 * </ul>
 */
public final class Policies {
    private Policies() {}

    /** A peer of {@code mspId}. */
    public static byte[] ownerOnly(String mspId) {
        return envelope(List.of(mspId), outOf(1, List.of(signedBy(0))));
    }

    /**
     * A peer of every organisation in {@code owners} and, when that is one organisation, a peer of one of
     * {@code members} besides it. The chaincode cannot read the channel's member list, so {@code members} are the
     * organisations the ledger has seen register (see {@code ArtifactStore.members}); when it knows no other
     * organisation yet the policy cannot be satisfied at all (an {@code OutOf(1)} of nobody): the record is sealed,
     * which is stricter than "owner and another", and only an honest registration ever writes such a key.
     */
    public static byte[] ownersAndAnother(SortedSet<String> owners, SortedSet<String> members) {
        List<String> principals = new ArrayList<>(owners);
        List<SignaturePolicy> rules = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            rules.add(signedBy(i));
        }
        if (owners.size() == 1) {
            TreeSet<String> others = new TreeSet<>(members);
            others.removeAll(owners);
            List<SignaturePolicy> anyOther = new ArrayList<>();
            for (String other : others) {
                anyOther.add(signedBy(principals.size()));
                principals.add(other);
            }
            rules.add(outOf(1, anyOther));
        }
        return envelope(principals, outOf(rules.size(), rules));
    }

    private static SignaturePolicy signedBy(int index) {
        return SignaturePolicy.newBuilder().setSignedBy(index).build();
    }

    private static SignaturePolicy outOf(int n, List<SignaturePolicy> rules) {
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(rules))
                .build();
    }

    private static byte[] envelope(List<String> peersOf, SignaturePolicy rule) {
        SignaturePolicyEnvelope.Builder envelope =
                SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(rule);
        for (String mspId : peersOf) {
            envelope.addIdentities(MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder()
                            .setMspIdentifier(mspId)
                            .setRole(MSPRole.MSPRoleType.PEER)
                            .build()
                            .toByteString()));
        }
        return envelope.build().toByteArray();
    }
}
