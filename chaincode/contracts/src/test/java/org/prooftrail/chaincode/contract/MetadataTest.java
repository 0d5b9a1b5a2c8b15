package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.protocol.Role;

/**
 * The contract metadata a peer serves ({@code org.hyperledger.fabric:GetMetadata}) and the protocol's
 * {@link org.prooftrail.protocol.Transaction} enum, which the client builds its calls from, describe the same
 * transactions: neither can gain, lose or rename one without the other.
 */
class MetadataTest {
    /** Every contract of the chaincode, by its name. */
    private static final Map<String, Class<?>> CONTRACTS = Map.of(
            "artifact", ArtifactContract.class,
            "lineage", LineageContract.class,
            "access", AccessContract.class,
            "consent", ConsentContract.class,
            "maintenance", MaintenanceContract.class,
            "federation", FederationContract.class);

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private Map<String, Object> contracts;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readTheMetadata() {
        Result result = ledger.evaluate(user(HOSPITAL_A, Role.AUDITOR), "org.hyperledger.fabric:GetMetadata");
        assertThat(result.ok()).as(result.toString()).isTrue();
        contracts = (Map<String, Object>) result.json().get("contracts");
    }

    @Test
    void lists_the_artifact_lineage_access_consent_and_maintenance_contracts() {
        assertThat(contracts).containsKeys("artifact", "lineage", "access", "consent", "maintenance");
    }

    @ParameterizedTest
    @EnumSource(org.prooftrail.protocol.Transaction.class)
    void describes_every_protocol_transaction_with_its_argument_count(org.prooftrail.protocol.Transaction tx) {
        Map<String, Object> transaction = transaction(tx.contract(), tx.function());

        assertThat(transaction).as(tx.qualifiedName()).isNotNull();
        assertThat(parameters(transaction)).as(tx.qualifiedName()).hasSize(argumentCount(tx));
        assertThat(tags(transaction)).as(tx.qualifiedName()).contains(tx.kind().name());
    }

    @Test
    void names_only_transactions_the_protocol_knows() {
        List<String> described = new ArrayList<>();
        contracts.forEach((name, contract) -> {
            if (CONTRACTS.containsKey(name)) {
                transactions(contract).forEach(t -> described.add(name + ":" + t.get("name")));
            }
        });

        assertThat(described)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.Arrays.stream(org.prooftrail.protocol.Transaction.values())
                                .map(org.prooftrail.protocol.Transaction::qualifiedName)
                                .toList());
    }

    @Test
    void every_transaction_method_of_the_contracts_is_in_the_protocol_enum() {
        List<String> methods = new ArrayList<>();
        for (Class<?> type : CONTRACTS.values()) {
            String contract = type.getAnnotation(Contract.class).name();
            for (Method method : type.getDeclaredMethods()) {
                Transaction annotation = method.getAnnotation(Transaction.class);
                if (annotation != null) {
                    methods.add(contract + ":" + annotation.name());
                    assertThat(argumentCount(find(contract, annotation.name())))
                            .as(method.getName())
                            .isEqualTo(method.getParameterCount() - 1);
                }
            }
        }

        assertThat(methods)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.Arrays.stream(org.prooftrail.protocol.Transaction.values())
                                .map(org.prooftrail.protocol.Transaction::qualifiedName)
                                .toList());
    }

    private static org.prooftrail.protocol.Transaction find(String contract, String function) {
        for (org.prooftrail.protocol.Transaction tx : org.prooftrail.protocol.Transaction.values()) {
            if (tx.contract().equals(contract) && tx.function().equals(function)) {
                return tx;
            }
        }
        throw new AssertionError(contract + ":" + function + " is not in org.prooftrail.protocol.Transaction");
    }

    /** The number of string arguments the Java method takes, after the context. */
    private static int argumentCount(org.prooftrail.protocol.Transaction tx) {
        Class<?> type = CONTRACTS.get(tx.contract());
        for (Method method : type.getDeclaredMethods()) {
            Transaction annotation = method.getAnnotation(Transaction.class);
            if (annotation != null && annotation.name().equals(tx.function())) {
                return method.getParameterCount() - 1;
            }
        }
        throw new AssertionError(tx.qualifiedName() + " has no @Transaction method in " + type.getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> transaction(String contract, String function) {
        Object described = contracts.get(contract);
        assertThat(described).as(contract).isNotNull();
        return transactions(described).stream()
                .filter(t -> function.equals(t.get("name")))
                .findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> transactions(Object contract) {
        return (List<Map<String, Object>>) ((Map<String, Object>) contract).get("transactions");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> parameters(Map<String, Object> transaction) {
        Object parameters = transaction.get("parameters");
        return parameters == null ? List.of() : (List<Object>) parameters;
    }

    @SuppressWarnings("unchecked")
    private static List<String> tags(Map<String, Object> transaction) {
        Object tags = transaction.get("tags");
        return tags == null ? List.of() : (List<String>) tags;
    }
}
