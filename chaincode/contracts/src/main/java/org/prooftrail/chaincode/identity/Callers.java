package org.prooftrail.chaincode.identity;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.prooftrail.protocol.Role;

/** Reads a {@link Caller} from Fabric's {@link ClientIdentity}. */
public final class Callers {
    private Callers() {}

    public static Caller from(ClientIdentity identity) {
        Caller.Roles roles = roles(identity);
        return new Caller(identity.getMSPID(), identity.getId(), roles.known(), roles.unrecognised());
    }

    private static Caller.Roles roles(ClientIdentity identity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> unrecognised = new TreeSet<>();
        String attribute = identity.getAttributeValue(Role.ATTRIBUTE);
        if (attribute != null && !attribute.isBlank()) {
            for (String value : attribute.split(",")) {
                Role.fromAttribute(value).ifPresentOrElse(roles::add, () -> unrecognised.add(value.trim()));
            }
        } else if (hasOrganizationalUnit(identity.getX509Certificate(), "admin")) {
            roles.add(Role.ADMIN);
        }
        return new Caller.Roles(roles, unrecognised);
    }

    private static boolean hasOrganizationalUnit(X509Certificate certificate, String unit) {
        if (certificate == null) {
            return false;
        }
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU") && unit.equalsIgnoreCase(String.valueOf(rdn.getValue()))) {
                    return true;
                }
            }
            return false;
        } catch (InvalidNameException e) {
            return false;
        }
    }
}
