package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.owlike.genson.Genson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.chaincode.ContractRoutes;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.simulation.CertificateAuthority;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.TransactionSimulator;
import org.prooftrail.chaincode.simulation.WriteSet;
import org.prooftrail.protocol.Contracts;
import org.prooftrail.protocol.Role;

/**
 * A one-channel ledger for contract tests: the real {@link ContractRouter} (routing, argument conversion,
 * metadata, error responses exactly as a peer runs them) over the {@link TransactionSimulator} and a
 * {@link MemoryWorldState}. Successful submits commit; evaluations and failures never do. Three organisations
 * with their own certificate authorities issue identities with roles.
 *
 * <p>Transactions are timestamped one second apart from {@link #START}, and the endorsing peer's clock follows them:
 * at each transaction it reads the time that transaction would have had, so the peer's clock check passes unless a
 * test {@linkplain #proposeNextAt proposes at another time} or {@linkplain #clockTolerance changes the tolerance}.
 */
final class ChaincodeHarness {
    static final String HOSPITAL_A = "HospitalAMSP";
    static final String HOSPITAL_B = "HospitalBMSP";
    static final String RESEARCH = "ResearchMSP";
    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private static final ContractRouter ROUTER = newRouter();
    private static final Map<String, CertificateAuthority> AUTHORITIES = Map.of(
            HOSPITAL_A, CertificateAuthority.create(HOSPITAL_A, "hospital-a.prooftrail.test"),
            HOSPITAL_B, CertificateAuthority.create(HOSPITAL_B, "hospital-b.prooftrail.test"),
            RESEARCH, CertificateAuthority.create(RESEARCH, "research.prooftrail.test"));
    private static final Genson GENSON = new Genson();

    private final Function<ChaincodeStub, Chaincode.Response> router;
    private final MemoryWorldState state = new MemoryWorldState();
    private final List<Peer> otherPeers = new ArrayList<>();
    private final List<Result> committed = new ArrayList<>();
    private long transactions;
    private Instant nextProposalTime;
    private Duration passed = Duration.ZERO;
    private Duration tolerance = ProposalClock.DEFAULT_TOLERANCE;

    /**
     * Another organisation's peer on the same channel: it commits every transaction this ledger commits, but its
     * world state holds only the private collections its organisation is a member of.
     */
    static final class Peer {
        private final String mspId;
        private final MemoryWorldState state;

        private Peer(String mspId, MemoryWorldState state) {
            this.mspId = mspId;
            this.state = state;
        }

        MemoryWorldState state() {
            return state;
        }
    }

    /** A ledger routed by the shim's {@link ContractRouter}, which scans the class path for the contracts. */
    ChaincodeHarness() {
        this(ROUTER::invoke);
    }

    private ChaincodeHarness(Function<ChaincodeStub, Chaincode.Response> router) {
        this.router = router;
    }

    /**
     * A ledger routed by {@link ContractRoutes}, the router the chaincode server and the embedded ledger run, from
     * its fixed list of contracts.
     */
    static ChaincodeHarness overContractRoutes() {
        return new ChaincodeHarness(Routes.INSTANCE::invoke);
    }

    /** Loaded on first use: the contract tests that never ask for it do not pay for its metadata. */
    private static final class Routes {
        static final ContractRoutes INSTANCE = ContractRoutes.load();
    }

    private static ContractRouter newRouter() {
        ContractRouter router = new ContractRouter(new String[] {"-i", "prooftrail"});
        try {
            router.startRouterWithChaincodeServer(new ChaincodeServer() {
                @Override
                public void start() {}

                @Override
                public void stop() {}
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return router;
    }

    /** An identity of {@code mspId} whose certificate carries {@code prooftrail.role}. */
    static Identity user(String mspId, Role role) {
        return AUTHORITIES
                .get(mspId)
                .issue(role.attributeValue() + "-user", "client", Map.of(Role.ATTRIBUTE, role.attributeValue()));
    }

    /** A client identity of {@code mspId} whose certificate carries {@code prooftrail.role} with any value. */
    static Identity withRoleAttribute(String mspId, String value) {
        return AUTHORITIES.get(mspId).issue(value + "-user", "client", Map.of(Role.ATTRIBUTE, value));
    }

    /** An identity with no role attribute and the given NodeOU. */
    static Identity plain(String mspId, String nodeOu) {
        return AUTHORITIES.get(mspId).issue(nodeOu + "-without-role", nodeOu, Map.of());
    }

    MemoryWorldState state() {
        return state;
    }

    /**
     * A ledger routed the same way that has committed what this one committed through its contracts (not what was
     * {@linkplain #forge forged} or {@linkplain #writeDirectly written directly}), whose next transaction gets the id
     * and time this one's next would get: one set-up, many runs from it.
     */
    ChaincodeHarness copy() {
        ChaincodeHarness copy = new ChaincodeHarness(router);
        for (Result result : committed) {
            copy.state.commit(result.writeSet(), result.txId(), result.timestamp());
            copy.committed.add(result);
        }
        copy.transactions = transactions;
        copy.passed = passed;
        copy.tolerance = tolerance;
        return copy;
    }

    /**
     * A peer of {@code mspId} whose world state holds only {@code heldCollections}; it has committed everything
     * this ledger committed so far and commits everything it commits from now on.
     */
    Peer peer(String mspId, Set<String> heldCollections) {
        Peer peer = new Peer(mspId, new MemoryWorldState(heldCollections));
        for (Result result : committed) {
            peer.state.commit(result.writeSet(), result.txId(), result.timestamp());
        }
        otherPeers.add(peer);
        return peer;
    }

    /**
     * The timestamp the next transaction gets: each transaction is one second after the previous one, plus the time
     * {@linkplain #passTime passed} in between.
     */
    Instant nextTimestamp() {
        return time(transactions + 1);
    }

    /** Lets {@code duration} pass on every clock before the next transaction. */
    void passTime(Duration duration) {
        passed = passed.plus(duration);
    }

    private Instant time(long transaction) {
        return START.plus(Duration.ofSeconds(transaction)).plus(passed);
    }

    /**
     * The next transaction's proposal carries {@code timestamp}, as a client with a wrong or dishonest clock would
     * send it, while the peer's clock stays where the sequence of transactions is.
     */
    void proposeNextAt(Instant timestamp) {
        this.nextProposalTime = timestamp;
    }

    /** How far from its clock the peer still endorses a proposal; {@link ProposalClock#DEFAULT_TOLERANCE} unless set. */
    void clockTolerance(Duration value) {
        this.tolerance = value;
    }

    /** Endorses and, if the chaincode succeeded, commits. */
    Result submit(Identity caller, String function, String... args) {
        return submit(caller, Map.of(), function, args);
    }

    /** Endorses with a transient map and, if the chaincode succeeded, commits. */
    Result submit(Identity caller, Map<String, byte[]> transientMap, String function, String... args) {
        Result result = simulate(state, caller.mspId(), caller, transientMap, function, args);
        if (result.ok()) {
            state.commit(result.writeSet(), result.txId(), result.timestamp());
            for (Peer peer : otherPeers) {
                peer.state.commit(result.writeSet(), result.txId(), result.timestamp());
            }
            committed.add(result);
        }
        return result;
    }

    /**
     * Commits what {@code writes} puts through the stores, as a transaction by {@code caller} that no contract
     * function could submit: for records another branch of the code writes (a test stand-in), never to bypass a rule
     * under test. Peers added later do not see it.
     */
    void writeDirectly(Identity caller, Consumer<Ledger> writes) {
        forge(caller, stub -> writes.accept(Ledger.on(stub)));
    }

    /**
     * Commits whatever {@code writes} does to a bare stub, outside every contract: what organisations running a
     * modified chaincode could commit if Fabric's validation let them, so that tests can show what the honest
     * chaincode makes of such a ledger.
     */
    void forge(Identity caller, Consumer<TransactionSimulator> writes) {
        transactions++;
        String txId = String.format(Locale.ROOT, "%064x", transactions);
        Instant timestamp = time(transactions);
        TransactionSimulator stub = TransactionSimulator.builder()
                .worldState(state)
                .channelId("prooftrail")
                .chaincodeName("prooftrail")
                .txId(txId)
                .timestamp(timestamp)
                .creator(caller)
                .peerMspId(caller.mspId())
                .arguments("direct:Write")
                .build();
        writes.accept(stub);
        state.commit(stub.writeSet(), txId, timestamp);
        for (Peer peer : otherPeers) {
            peer.state.commit(stub.writeSet(), txId, timestamp);
        }
    }

    /** Runs a transaction without committing it. */
    Result evaluate(Identity caller, String function, String... args) {
        return evaluate(caller, Map.of(), function, args);
    }

    /**
     * Runs a transaction with a transient map without committing it, marked as an evaluation
     * ({@link Contracts#TRANSIENT_EVALUATE}) as the client's evaluate path marks it.
     */
    Result evaluate(Identity caller, Map<String, byte[]> transientMap, String function, String... args) {
        return simulate(state, caller.mspId(), caller, evaluated(transientMap), function, args);
    }

    /** Runs a transaction on another organisation's peer without committing it. */
    Result evaluateOn(Peer peer, Identity caller, Map<String, byte[]> transientMap, String function, String... args) {
        return simulate(peer.state, peer.mspId, caller, evaluated(transientMap), function, args);
    }

    private static Map<String, byte[]> evaluated(Map<String, byte[]> transientMap) {
        Map<String, byte[]> marked = new HashMap<>(transientMap);
        marked.put(Contracts.TRANSIENT_EVALUATE, new byte[0]);
        return marked;
    }

    /** A transient map of one entry holding {@code json}. */
    static Map<String, byte[]> transientOf(String key, String json) {
        return Map.of(key, json.getBytes(StandardCharsets.UTF_8));
    }

    Result simulate(Identity caller, String function, String... args) {
        return simulate(state, caller.mspId(), caller, Map.of(), function, args);
    }

    private Result simulate(
            MemoryWorldState worldState,
            String peerMspId,
            Identity caller,
            Map<String, byte[]> transientMap,
            String function,
            String... args) {
        transactions++;
        String txId = String.format(Locale.ROOT, "%064x", transactions);
        Instant peerTime = time(transactions);
        Instant timestamp = nextProposalTime == null ? peerTime : nextProposalTime;
        nextProposalTime = null;
        ProofTrailContract.useClock(new ProposalClock(Clock.fixed(peerTime, ZoneOffset.UTC), tolerance));
        TransactionSimulator stub = TransactionSimulator.builder()
                .worldState(worldState)
                .channelId("prooftrail")
                .chaincodeName("prooftrail")
                .txId(txId)
                .timestamp(timestamp)
                .creator(caller)
                .peerMspId(peerMspId)
                .arguments(function, args)
                .transientMap(transientMap)
                .build();
        Chaincode.Response response = router.apply(stub);
        return new Result(response, stub, txId, timestamp);
    }

    /** A transaction's response and what it would have written. */
    /** Asserts the transaction succeeded, and returns it. */
    static Result ok(Result result) {
        assertThat(result.ok()).as(result.toString()).isTrue();
        return result;
    }

    /** Asserts the transaction was refused with {@code code}, a message containing {@code fragment}, and no writes. */
    static void refused(Result result, String code, String fragment) {
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.message()).startsWith(code + ": ").contains(fragment);
        assertThat(result.writeSet().isEmpty()).as("write set").isTrue();
    }

    static final class Result {
        private final Chaincode.Response response;
        private final TransactionSimulator stub;
        private final String txId;
        private final Instant timestamp;

        Result(Chaincode.Response response, TransactionSimulator stub, String txId, Instant timestamp) {
            this.response = response;
            this.stub = stub;
            this.txId = txId;
            this.timestamp = timestamp;
        }

        boolean ok() {
            return response.getStatus() == Chaincode.Response.Status.SUCCESS;
        }

        /** The error message, {@code CODE: detail}, or null on success. */
        String message() {
            return response.getMessage();
        }

        String payload() {
            byte[] payload = response.getPayload();
            return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return GENSON.deserialize(payload(), Map.class);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jsonList() {
            return GENSON.deserialize(payload(), List.class);
        }

        WriteSet writeSet() {
            return stub.writeSet();
        }

        TransactionSimulator stub() {
            return stub;
        }

        String txId() {
            return txId;
        }

        Instant timestamp() {
            return timestamp;
        }

        @Override
        public String toString() {
            return ok() ? "OK " + payload() : "ERROR " + message();
        }
    }
}
