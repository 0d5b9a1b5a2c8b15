package org.prooftrail.chaincode.identity;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Role;

/** The creator of the transaction: organisation, identity and roles. */
public final class Caller {
    private final String mspId;
    private final String id;
    private final Set<Role> roles;
    private final Set<String> unrecognisedRoles;

    /** The roles read from a certificate: those prooftrail knows, and any other values it carried. */
    record Roles(Set<Role> known, Set<String> unrecognised) {}

    public Caller(String mspId, String id, Set<Role> roles) {
        this(mspId, id, roles, Set.of());
    }

    /**
     * A caller whose certificate also named values that are no prooftrail role (a typo, another application's
     * role): they grant nothing, and a refusal names them so the certificate can be fixed.
     */
    public Caller(String mspId, String id, Set<Role> roles, Set<String> unrecognisedRoles) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.id = Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roles, "roles");
        this.roles = roles.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        this.unrecognisedRoles = Set.copyOf(Objects.requireNonNull(unrecognisedRoles, "unrecognisedRoles"));
    }

    public String mspId() {
        return mspId;
    }

    /** Fabric's identity string: {@code x509::<subject>::<issuer>}. */
    public String id() {
        return id;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean belongsTo(String organisation) {
        return mspId.equals(organisation);
    }

    /** Fails with {@code PERMISSION_DENIED} unless the caller holds one of {@code allowed} (or is an admin). */
    public void requireRole(String action, Role... allowed) {
        if (roles.contains(Role.ADMIN)) {
            return;
        }
        for (Role role : allowed) {
            if (roles.contains(role)) {
                return;
            }
        }
        String needed = Arrays.stream(allowed).map(Role::attributeValue).collect(Collectors.joining(", "));
        String held = roles.isEmpty()
                ? "no " + Role.ATTRIBUTE + " attribute"
                : "role " + roles.stream().map(Role::attributeValue).collect(Collectors.joining(", "));
        if (!unrecognisedRoles.isEmpty()) {
            held = (roles.isEmpty() ? "no prooftrail role" : held) + "; its certificate's " + Role.ATTRIBUTE + " also"
                    + " names " + String.join(", ", new TreeSet<>(unrecognisedRoles))
                    + ", which is not a prooftrail role (admin, curator, trainer, deployer, steward, auditor)";
        }
        throw ProofTrailException.permissionDenied(
                action + " needs the role " + needed + " (or admin); " + id + " of " + mspId + " has " + held);
    }
}
