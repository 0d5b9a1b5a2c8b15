package org.prooftrail.chaincode.artifact;

/** What {@code artifact:Verify} returns: whether a digest matches the registered one, and the artifact's status. */
public final class VerifyResult {
    private final String id;
    private final boolean match;
    private final String expected;
    private final String actual;
    private final String status;

    VerifyResult(String id, boolean match, String expected, String actual, String status) {
        this.id = id;
        this.match = match;
        this.expected = expected;
        this.actual = actual;
        this.status = status;
    }

    public String getId() {
        return id;
    }

    public boolean getMatch() {
        return match;
    }

    public String getExpected() {
        return expected;
    }

    public String getActual() {
        return actual;
    }

    public String getStatus() {
        return status;
    }
}
