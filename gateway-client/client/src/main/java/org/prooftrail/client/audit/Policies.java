package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Evaluates Fabric policies against the identities whose signatures verified, as Fabric's policy engine does:
 * signature policies ({@code NOutOf} over principals, each signer used at most once per satisfied branch; signers
 * deduplicated) and implicit-meta policies ({@code ANY}, {@code ALL}, {@code MAJORITY} of a sub-policy over the
 * sub-groups of the group that defines them).
 */
final class Policies {
    private final ChannelConfig config;

    Policies(ChannelConfig config) {
        this.config = config;
    }

    /** The outcome of one evaluation: whether it held, and which organisations' signatures counted. */
    record Outcome(boolean satisfied, String description) {}

    /** Evaluates the channel policy at {@code path} ({@code /Channel/Application/Endorsement}). */
    Outcome evaluate(String path, List<SignerIdentity> signers) {
        Optional<ChannelConfig.PolicyAt> policy = config.policy(path);
        if (policy.isEmpty()) {
            return new Outcome(false, "the channel configuration has no policy " + path);
        }
        return evaluate(policy.get().group(), policy.get().policy(), path, deduplicated(signers));
    }

    /** Evaluates a key-level policy ({@code SignaturePolicyEnvelope} bytes, as the validation parameter holds). */
    Outcome evaluateKeyLevel(ByteString envelopeBytes, List<SignerIdentity> signers) {
        try {
            SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(envelopeBytes);
            boolean held = signature(envelope, deduplicated(signers));
            return new Outcome(held, PolicyText.describe(envelope));
        } catch (InvalidProtocolBufferException e) {
            return new Outcome(false, "the key-level policy is not a signature policy: " + e.getMessage());
        }
    }

    private Outcome evaluate(ConfigGroup group, Policy policy, String path, List<SignerIdentity> signers) {
        try {
            if (policy.getType() == Policy.PolicyType.SIGNATURE_VALUE) {
                SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(policy.getValue());
                return new Outcome(signature(envelope, signers), PolicyText.describe(envelope));
            }
            if (policy.getType() == Policy.PolicyType.IMPLICIT_META_VALUE) {
                return implicitMeta(group, ImplicitMetaPolicy.parseFrom(policy.getValue()), path, signers);
            }
            return new Outcome(false, path + " is a policy of type " + policy.getType() + ", not evaluated");
        } catch (InvalidProtocolBufferException e) {
            return new Outcome(false, path + " cannot be read: " + e.getMessage());
        }
    }

    private Outcome implicitMeta(
            ConfigGroup group, ImplicitMetaPolicy meta, String path, List<SignerIdentity> signers) {
        Set<String> satisfied = new TreeSet<>();
        int total = 0;
        for (Map.Entry<String, ConfigGroup> sub : new java.util.TreeMap<>(group.getGroupsMap()).entrySet()) {
            ConfigPolicy subPolicy = sub.getValue().getPoliciesMap().get(meta.getSubPolicy());
            if (subPolicy == null) {
                continue;
            }
            total++;
            if (evaluate(sub.getValue(), subPolicy.getPolicy(), path + "/" + sub.getKey(), signers)
                    .satisfied()) {
                satisfied.add(sub.getKey());
            }
        }
        boolean held =
                switch (meta.getRule()) {
                    case ANY -> !satisfied.isEmpty();
                    case ALL -> satisfied.size() == total;
                    case MAJORITY -> satisfied.size() > total / 2;
                    default -> false;
                };
        return new Outcome(
                held,
                meta.getRule() + " " + meta.getSubPolicy() + " (" + path + "): " + satisfied.size() + " of " + total
                        + (satisfied.isEmpty() ? "" : " " + satisfied));
    }

    private boolean signature(SignaturePolicyEnvelope envelope, List<SignerIdentity> signers) {
        boolean[] used = new boolean[signers.size()];
        return evaluate(envelope.getRule(), used, envelope.getIdentitiesList(), signers);
    }

    private boolean evaluate(
            SignaturePolicy rule, boolean[] used, List<MSPPrincipal> principals, List<SignerIdentity> signers) {
        if (rule.getTypeCase() == SignaturePolicy.TypeCase.SIGNED_BY) {
            int index = rule.getSignedBy();
            if (index < 0 || index >= principals.size()) {
                return false;
            }
            for (int i = 0; i < signers.size(); i++) {
                if (!used[i] && satisfies(signers.get(i), principals.get(index))) {
                    used[i] = true;
                    return true;
                }
            }
            return false;
        }
        int verified = 0;
        for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
            boolean[] attempt = used.clone();
            if (evaluate(sub, attempt, principals, signers)) {
                verified++;
                System.arraycopy(attempt, 0, used, 0, used.length);
            }
        }
        return verified >= rule.getNOutOf().getN();
    }

    private boolean satisfies(SignerIdentity signer, MSPPrincipal principal) {
        try {
            if (principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
                MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                return role.getMspIdentifier().equals(signer.mspId()) && hasRole(signer, role.getRole());
            }
            return principal.getPrincipalClassification() == MSPPrincipal.Classification.IDENTITY
                    && principal.getPrincipal().equals(signer.serialized());
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private boolean hasRole(SignerIdentity signer, MSPRole.MSPRoleType role) {
        Optional<Msp> msp = config.msp(signer.mspId());
        if (msp.isEmpty()) {
            return false;
        }
        if (role == MSPRole.MSPRoleType.MEMBER) {
            return true;
        }
        Set<String> units = Identities.organisationalUnits(signer.certificate());
        Optional<Msp.NodeOus> ous = msp.get().nodeOus();
        return switch (role) {
            case PEER -> ous.isPresent() && units.contains(ous.get().peer());
            case CLIENT -> ous.isPresent() && units.contains(ous.get().client());
            case ORDERER -> ous.isPresent() && units.contains(ous.get().orderer());
            case ADMIN ->
                msp.get().admins().contains(signer.certificate())
                        || ous.isPresent() && units.contains(ous.get().admin());
            default -> false;
        };
    }

    private static List<SignerIdentity> deduplicated(List<SignerIdentity> signers) {
        Map<ByteString, SignerIdentity> unique = new LinkedHashMap<>();
        for (SignerIdentity signer : signers) {
            unique.putIfAbsent(signer.serialized(), signer);
        }
        return List.copyOf(unique.values());
    }
}
