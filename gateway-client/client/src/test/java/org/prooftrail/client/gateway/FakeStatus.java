package org.prooftrail.client.gateway;

import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** A commit status as the gateway reports it. */
record FakeStatus(String getTransactionId, long getBlockNumber, TxValidationCode getCode) implements Status {
    @Override
    public boolean isSuccessful() {
        return getCode == TxValidationCode.VALID;
    }
}
