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

/**
 * What every prooftrail contract shares: argument counts checked before the contract API converts arguments
 * (which would otherwise fail with the shim's opaque "Unexpected error"), and an unknown function reported as
 * {@code INVALID_ARGUMENT} with the functions that exist.
 */
abstract class ProofTrailContract implements ContractInterface {
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

    @Override
    public Context createContext(ChaincodeStub stub) {
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
