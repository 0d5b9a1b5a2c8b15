package org.prooftrail.client.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/** Signature policies written for people, as Fabric's policy language: {@code OutOf(1, HospitalAMSP.peer)}. */
final class PolicyText {
    private PolicyText() {}

    /** A signature policy for people: {@code OutOf(1, HospitalAMSP.peer)}. */
    static String describe(SignaturePolicyEnvelope envelope) {
        List<String> names = new ArrayList<>();
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            names.add(principalName(principal));
        }
        return describe(envelope.getRule(), names);
    }

    private static String describe(SignaturePolicy rule, List<String> names) {
        if (rule.getTypeCase() == SignaturePolicy.TypeCase.SIGNED_BY) {
            int index = rule.getSignedBy();
            return index >= 0 && index < names.size() ? names.get(index) : "?";
        }
        List<String> parts = new ArrayList<>();
        for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
            parts.add(describe(sub, names));
        }
        return "OutOf(" + rule.getNOutOf().getN() + ", " + String.join(", ", parts) + ")";
    }

    private static String principalName(MSPPrincipal principal) {
        try {
            if (principal.getPrincipalClassification() == MSPPrincipal.Classification.ROLE) {
                MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                return role.getMspIdentifier() + "." + role.getRole().name().toLowerCase(Locale.ROOT);
            }
        } catch (InvalidProtocolBufferException e) {
            return "unreadable principal";
        }
        return principal.getPrincipalClassification().name().toLowerCase(Locale.ROOT);
    }
}
