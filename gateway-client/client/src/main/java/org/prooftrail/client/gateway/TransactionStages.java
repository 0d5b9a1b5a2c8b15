package org.prooftrail.client.gateway;

import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;

/**
 * The stages of Fabric's transaction flow, one call each, as fabric-gateway exposes them: propose, then evaluate or
 * endorse, submit, and ask for the commit status. {@link FabricGatewayTransport} owns the policy (retries,
 * re-queries, error translation) and drives these stages; the real implementation sits on fabric-gateway's
 * {@code Contract}, and tests drive the same policy through an in-process fake that throws fabric-gateway's real
 * exception types.
 */
interface TransactionStages {

    /** A new proposal, with a new transaction id. */
    Proposed propose(String transactionName, List<String> arguments, Map<String, byte[]> transientData);

    interface Proposed {
        String transactionId();

        byte[] evaluate() throws GatewayException;

        Endorsed endorse() throws EndorseException;
    }

    interface Endorsed {
        /** The chaincode's result, as endorsed. */
        byte[] result();

        Submitted submit() throws SubmitException;
    }

    interface Submitted {
        /** The chaincode's result, as endorsed. */
        byte[] result();

        /**
         * Waits, up to the commit-status deadline, for the transaction's commit status. Each call asks the gateway
         * again about the same transaction id; nothing is submitted again.
         */
        Status status() throws CommitStatusException;
    }
}
