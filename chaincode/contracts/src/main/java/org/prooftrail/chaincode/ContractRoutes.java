package org.prooftrail.chaincode;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Serializer;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.ExecutionService;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.execution.SerializerInterface;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.hyperledger.fabric.contract.routing.impl.SerializerRegistryImpl;
import org.hyperledger.fabric.contract.systemcontract.SystemContract;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.prooftrail.chaincode.contract.AccessContract;
import org.prooftrail.chaincode.contract.ArtifactContract;
import org.prooftrail.chaincode.contract.ConsentContract;
import org.prooftrail.chaincode.contract.FederationContract;
import org.prooftrail.chaincode.contract.LineageContract;
import org.prooftrail.chaincode.contract.MaintenanceContract;
import org.prooftrail.protocol.ErrorCode;

/**
 * The prooftrail contracts routed by the shim's own machinery (its routing registry, transaction functions, execution
 * service, JSON serializer and metadata) from a fixed list of classes instead of the shim's class-path scan.
 *
 * <p>The shim's {@code ContractRouter} finds {@code @Contract}, {@code @DataType} and {@code @Serializer} classes with
 * two ClassGraph scans of the whole class path, which in a shaded jar (grpc, netty, BouncyCastle, ...) cost seconds
 * of every start. This class registers {@link #CONTRACTS} exactly as {@code RoutingRegistryImpl.findAndSetContracts}
 * registers what it finds, and dispatches as {@code ContractRouter.invoke} does. {@code ContractRoutesTest} runs the
 * shim's scan over the chaincode's classes in the build and fails if the list and the annotated classes differ.
 */
public final class ContractRoutes {
    /** Every {@code @Contract} class of the chaincode, and the shim's system contract ({@code GetMetadata}). */
    static final List<Class<? extends ContractInterface>> CONTRACTS = List.of(
            AccessContract.class,
            ArtifactContract.class,
            ConsentContract.class,
            FederationContract.class,
            LineageContract.class,
            MaintenanceContract.class,
            SystemContract.class);

    /** The chaincode declares no {@code @DataType} classes: arguments and results are JSON strings. */
    static final List<Class<?>> DATA_TYPES = List.of();

    /** The {@code @Serializer} classes: only the shim's JSON serializer, every contract's default. */
    static final List<Class<? extends SerializerInterface>> SERIALIZERS = List.of(JSONTransactionSerializer.class);

    /** The system contract's namespace: its functions ({@code GetMetadata}) need the metadata. */
    private static final String SYSTEM_NAMESPACE = "org.hyperledger.fabric:";

    private final RoutingRegistry registry;
    private final TypeRegistry types;
    private final ExecutionService executor;
    /** The contracts' names, sorted: what a function's namespace must be one of. */
    private final Set<String> contractNames = new TreeSet<>();

    private boolean metadata;

    private ContractRoutes(RoutingRegistry registry, TypeRegistry types, ExecutionService executor) {
        this.registry = registry;
        this.types = types;
        this.executor = executor;
        registry.getAllDefinitions().forEach(definition -> contractNames.add(definition.getName()));
    }

    /** Registers the contracts and builds (and validates) the metadata that {@code GetMetadata} returns. */
    public static ContractRoutes load() {
        final ContractRoutes routes = loadWithoutMetadata();
        routes.ensureMetadata();
        return routes;
    }

    /**
     * Registers the contracts; the metadata is built on the first {@code GetMetadata}. Its validation against the
     * shim's JSON schema is most of the shim's start-up once the scans are gone, and only that function needs it.
     */
    public static ContractRoutes loadWithoutMetadata() {
        final RoutingRegistryImpl registry = new RoutingRegistryImpl();
        for (Class<? extends ContractInterface> contract : CONTRACTS) {
            final ContractDefinition definition = registry.addNewContract(asContract(contract));
            for (Method method : contract.getMethods()) {
                if (method.getAnnotation(Transaction.class) != null) {
                    definition.addTxFunction(method);
                }
            }
        }
        final TypeRegistry types = TypeRegistry.getRegistry();
        DATA_TYPES.forEach(types::addDataType);
        final ExecutionService executor = ExecutionFactory.getInstance().createExecutionService(new Serializers());
        return new ContractRoutes(registry, types, executor);
    }

    /** Builds and validates the contract metadata once ({@code MetadataBuilder} is the shim's, one per process). */
    private synchronized void ensureMetadata() {
        if (!metadata) {
            MetadataBuilder.initialize(registry, types);
            metadata = true;
        }
    }

    /** Runs the transaction the stub carries, as {@code ContractRouter.invoke} does. */
    public Chaincode.Response invoke(ChaincodeStub stub) {
        try {
            if (stub.getStringArgs().isEmpty()) {
                return ResponseUtils.newSuccessResponse();
            }
            if (stub.getFunction().startsWith(SYSTEM_NAMESPACE)) {
                ensureMetadata();
            }
            final InvocationRequest request = ExecutionFactory.getInstance().createRequest(stub);
            if (!contractNames.contains(request.getNamespace())) {
                // The shim's registry would throw "Undefined contract called", which names neither the function nor
                // what exists (a function without "contract:" falls in the shim's default namespace, which has none).
                return ResponseUtils.newErrorResponse(ErrorCode.INVALID_ARGUMENT + ": '" + stub.getFunction()
                        + "' names no contract of this chaincode; call contract:Function, with contract one of "
                        + String.join(", ", contractNames));
            }
            final TxFunction function;
            if (registry.containsRoute(request)) {
                function = registry.getTxFn(request);
            } else {
                final ContractDefinition contract = registry.getContract(request.getNamespace());
                if (contract.getContractImpl() == SystemContract.class) {
                    // prooftrail's contracts name what exists (ProofTrailContract.unknownTransaction); the shim's
                    // system contract would answer only "Undefined contract method called".
                    return ResponseUtils.newErrorResponse(ErrorCode.INVALID_ARGUMENT + ": '" + stub.getFunction()
                            + "' is not a function of the system contract " + contract.getName() + "; it has "
                            + String.join(
                                    ", ",
                                    contract.getTxFunctions().stream()
                                            .map(TxFunction::getName)
                                            .sorted()
                                            .toList()));
                }
                function = contract.getUnknownRoute();
            }
            return executor.executeRequest(function, request, stub);
        } catch (Throwable failure) { // NOPMD the router answers every failure, as the shim's does
            return ResponseUtils.newErrorResponse(failure);
        }
    }

    @SuppressWarnings("unchecked") // the shim's registry takes the raw contract interface type
    private static Class<ContractInterface> asContract(Class<? extends ContractInterface> contract) {
        return (Class<ContractInterface>) contract;
    }

    /** The shim's serializer registry with its contents given, not scanned for. */
    private static final class Serializers extends SerializerRegistryImpl {
        private final Map<String, SerializerInterface> byName;

        Serializers() {
            this.byName = Map.of(JSONTransactionSerializer.class.getCanonicalName(), new JSONTransactionSerializer());
        }

        @Override
        public SerializerInterface getSerializer(String name, Serializer.TARGET target) {
            return target == Serializer.TARGET.TRANSACTION ? byName.get(name) : null;
        }
    }
}
