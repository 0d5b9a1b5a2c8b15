package org.prooftrail.chaincode.contract;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;

/**
 * What every prooftrail contract shares: the proposal's timestamp checked against this peer's clock before anything
 * runs ({@link ProposalClock}), argument counts checked before the contract API converts arguments (which would
 * otherwise fail with the shim's opaque "Unexpected error"), and an unknown function reported as
 * {@code INVALID_ARGUMENT} with the functions that exist.
 *
 * <p>The clock check applies to every function, evaluate-only ones included: Fabric does not enforce a function's
 * declared intent, so an "evaluate" proposal can be endorsed and submitted for ordering like any other, and what a
 * query answers (whether a grant or consent is active) depends on the time as much as what a submit decides.
 */
abstract class ProofTrailContract implements ContractInterface {
    private static volatile ProposalClock clock;

    private final String contractName;
    private final Map<String, Integer> arity = new TreeMap<>();

    ProofTrailContract(String contractName) {
        this.contractName = contractName;
        for (Method method : getClass().getDeclaredMethods()) {
            Transaction transaction = method.getAnnotation(Transaction.class);
            if (transaction != null) {
                arity.put(transaction.name(), method.getParameterCount() - 1);
            }
        }
    }

    /**
     * The clock every contract checks proposals against, for tests over the simulator whose transactions are not
     * timestamped now; null restores the system clock with the tolerance of the environment.
     */
    static void useClock(ProposalClock proposalClock) {
        clock = proposalClock;
    }

    private static ProposalClock clock() {
        ProposalClock current = clock;
        if (current == null) {
            try {
                current = ProposalClock.fromEnvironment(System.getenv());
            } catch (IllegalArgumentException e) {
                // ChaincodeServer refuses to start with a bad value; in process (the embedded ledger) say it here.
                throw new ChaincodeException(ErrorCode.FAILED_PRECONDITION + ": " + e.getMessage());
            }
            clock = current;
        }
        return current;
    }

    @Override
    public Context createContext(ChaincodeStub stub) {
        try {
            clock().admit(stub.getTxTimestamp());
        } catch (ProofTrailException e) {
            throw new ChaincodeException(e.wireMessage());
        }
        String function = stub.getFunction();
        String name = function.substring(function.indexOf(':') + 1);
        Integer expected = arity.get(name);
        if (expected != null && stub.getParameters().size() != expected) {
            throw new ChaincodeException(ErrorCode.INVALID_ARGUMENT + ": " + contractName + ":" + name + " takes "
                    + expected + " argument" + (expected == 1 ? "" : "s") + ", not "
                    + stub.getParameters().size());
        }
        return ContractInterface.super.createContext(stub);
    }

    @Override
    public void unknownTransaction(Context ctx) {
        throw new ChaincodeException(
                ErrorCode.INVALID_ARGUMENT + ": " + ctx.getStub().getFunction() + " is not a function of the "
                        + contractName + " contract; it has " + String.join(", ", arity.keySet()));
    }
}
