package org.prooftrail.chaincode.compliance;

import java.util.List;
import java.util.stream.Collectors;
import org.prooftrail.chaincode.record.ComplianceReason;
import org.prooftrail.protocol.ComplianceStatus;

/** A computed compliance: the status and its reasons in {@link ComplianceReason#ORDER}. */
record Evaluation(ComplianceStatus status, List<ComplianceReason> reasons) {
    /** The reasons as one line each, joined with {@code "; "}, for an error message. */
    String describe() {
        return reasons.stream().map(ComplianceReason::describe).collect(Collectors.joining("; "));
    }
}
