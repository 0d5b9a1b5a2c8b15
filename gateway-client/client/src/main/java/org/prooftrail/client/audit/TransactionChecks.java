package org.prooftrail.client.audit;

import java.util.Optional;

/** The transaction-level checks of one transaction, shared by the records it wrote. */
record TransactionChecks(
        CommittedTransaction transaction,
        Optional<SignerIdentity> creator,
        Check creatorSignature,
        Check endorserSignatures,
        Check endorsementPolicy,
        Check validationFlag) {}
