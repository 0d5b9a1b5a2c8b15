package org.prooftrail.protocol;

/** What an artifact is. */
public enum ArtifactKind {
    DATASET,
    MODEL,
    CODE,
    CONFIG,
    REPORT,
    OTHER;

    public static ArtifactKind parse(String field, String text) {
        return Enums.parse(ArtifactKind.class, field, text);
    }
}
