package org.prooftrail.protocol;

import java.util.Locale;
import java.util.Optional;

/** What a person may do in prooftrail, from the certificate attribute {@code prooftrail.role}. */
public enum Role {
    /** The organisation's administrator: may do everything its organisation may. */
    ADMIN,
    /** Registers datasets and other artifacts, and changes their status. */
    CURATOR,
    /** Registers models and records training runs. */
    TRAINER,
    /** Records and retires deployments. */
    DEPLOYER,
    /** Looks after consent and data governance; may change an artifact's status. */
    STEWARD,
    /** Reads and records verifications; changes nothing else. */
    AUDITOR;

    /** The attribute a Fabric CA writes into enrollment certificates. */
    public static final String ATTRIBUTE = "prooftrail.role";

    public static Optional<Role> fromAttribute(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The lower-case form used in certificates. */
    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
