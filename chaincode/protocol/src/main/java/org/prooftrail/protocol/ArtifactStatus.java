package org.prooftrail.protocol;

/**
 * An artifact's life cycle: registered {@code ACTIVE}; {@code DEPRECATED} when superseded; {@code REVOKED} when
 * it must no longer be used (found tainted, consent withdrawn). Revocation is final.
 */
public enum ArtifactStatus {
    ACTIVE,
    DEPRECATED,
    REVOKED;

    public static ArtifactStatus parse(String field, String text) {
        return Enums.parse(ArtifactStatus.class, field, text);
    }

    /** Whether the owner may move an artifact from this status to {@code next}. */
    public boolean canBecome(ArtifactStatus next) {
        return switch (this) {
            case ACTIVE -> next == DEPRECATED || next == REVOKED;
            case DEPRECATED -> next == REVOKED;
            case REVOKED -> false;
        };
    }
}
