package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The transaction-level checks ({@code creator-signature}, {@code endorser-signatures}, {@code endorsement-policy},
 * {@code validation-flag}) of the bundle's transactions, in ledger order, keeping the key-level policies that valid
 * transactions set for the ones after them.
 */
final class TransactionCheck {
    /** The name of the metadata entry that holds a key's endorsement policy (Fabric's {@code VALIDATION_PARAMETER}). */
    static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

    private static final String NOT_SATISFIED = "NOT SATISFIED: ";

    private final ProofBundle bundle;
    private final BundleBlocks blocks;
    private final Identities identities;
    private final Policies policies;
    private final Map<String, ByteString> keyPolicies = new HashMap<>();

    TransactionCheck(ProofBundle bundle, BundleBlocks blocks, Identities identities, Policies policies) {
        this.bundle = bundle;
        this.blocks = blocks;
        this.identities = identities;
        this.policies = policies;
    }

    /** Every readable transaction the records name, by id, checked in ledger order. */
    Map<String, TransactionChecks> checkAll() {
        Map<String, Long> blockOf = new LinkedHashMap<>();
        bundle.records().forEach(record -> blockOf.putIfAbsent(record.transactionId(), record.blockNumber()));
        List<CommittedTransaction> found = new ArrayList<>();
        blockOf.forEach((txId, number) ->
                blocks.block(number).flatMap(block -> find(block, txId)).ifPresent(found::add));
        found.sort(Comparator.comparingLong((CommittedTransaction tx) -> blockOf.get(tx.transactionId()))
                .thenComparingInt(CommittedTransaction::index));
        Map<String, TransactionChecks> out = new HashMap<>();
        for (CommittedTransaction transaction : found) {
            Block block = blocks.block(blockOf.get(transaction.transactionId())).orElseThrow();
            TransactionChecks checks = check(transaction, block);
            out.put(transaction.transactionId(), checks);
            if (checks.validationFlag().ok()) {
                recordKeyPolicies(transaction);
            }
        }
        return out;
    }

    static Optional<CommittedTransaction> find(Block block, String txId) {
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            ByteString data = block.getData().getData(i);
            if (txId.equals(CommittedTransaction.transactionId(data))) {
                try {
                    return Optional.of(CommittedTransaction.parse(data, i));
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private TransactionChecks check(CommittedTransaction transaction, Block block) {
        Optional<SignerIdentity> creator = Optional.empty();
        Check creatorSignature;
        try {
            SignerIdentity identity = Identities.read(transaction.creator());
            creator = Optional.of(identity);
            String problem = identities.problem(identity, transaction.payload(), transaction.signature());
            creatorSignature = problem == null
                    ? Check.passed(Check.CREATOR_SIGNATURE, identity.mspId() + " " + identity.subject())
                    : Check.failed(Check.CREATOR_SIGNATURE, problem);
        } catch (GeneralSecurityException e) {
            creatorSignature =
                    Check.failed(Check.CREATOR_SIGNATURE, "the creator's identity cannot be read: " + e.getMessage());
        }
        List<SignerIdentity> endorsers = new ArrayList<>();
        Check endorserSignatures = endorsers(transaction, endorsers);
        return new TransactionChecks(
                transaction,
                creator,
                creatorSignature,
                endorserSignatures,
                endorsementPolicy(transaction, endorsers),
                RecordChecks.validationFlag(transaction, block));
    }

    /** Checks every endorsement; adds the endorsers whose signature and certificate hold to {@code valid}. */
    private Check endorsers(CommittedTransaction transaction, List<SignerIdentity> valid) {
        List<String> problems = new ArrayList<>();
        for (Endorsement endorsement : transaction.endorsements()) {
            try {
                SignerIdentity identity = Identities.read(endorsement.getEndorser());
                String problem = identities.problem(
                        identity,
                        transaction.proposalResponsePayload().concat(endorsement.getEndorser()),
                        endorsement.getSignature());
                if (problem == null) {
                    valid.add(identity);
                } else {
                    problems.add(problem);
                }
            } catch (GeneralSecurityException e) {
                problems.add("an endorser's identity cannot be read: " + e.getMessage());
            }
        }
        if (transaction.endorsements().isEmpty()) {
            return Check.failed(Check.ENDORSER_SIGNATURES, "the transaction carries no endorsement");
        }
        return problems.isEmpty()
                ? Check.passed(Check.ENDORSER_SIGNATURES, valid.size() + " endorsement(s) valid: " + orgs(valid))
                : Check.failed(Check.ENDORSER_SIGNATURES, String.join("; ", problems));
    }

    private Check endorsementPolicy(CommittedTransaction transaction, List<SignerIdentity> endorsers) {
        Set<String> written = writtenKeys(transaction);
        if (written.isEmpty()) {
            return Check.failed(
                    Check.ENDORSEMENT_POLICY, "the transaction writes nothing in namespace " + bundle.chaincode());
        }
        Map<ByteString, List<String>> byPolicy = written.stream()
                .filter(keyPolicies::containsKey)
                .collect(Collectors.groupingBy(
                        keyPolicies::get,
                        LinkedHashMap::new,
                        Collectors.mapping(ReadableKeys::of, Collectors.toList())));
        boolean chaincodePolicy = written.stream().anyMatch(key -> !keyPolicies.containsKey(key));
        List<String> details = new ArrayList<>();
        boolean held = true;
        if (chaincodePolicy) {
            Policies.Outcome outcome = policies.evaluate(bundle.endorsementPolicy(), endorsers);
            held = outcome.satisfied();
            details.add((held ? "" : NOT_SATISFIED) + "chaincode policy " + outcome.description());
        }
        for (Map.Entry<ByteString, List<String>> entry : byPolicy.entrySet()) {
            Policies.Outcome outcome = policies.evaluateKeyLevel(entry.getKey(), endorsers);
            held &= outcome.satisfied();
            details.add((outcome.satisfied() ? "" : NOT_SATISFIED) + "key-level " + outcome.description() + " on "
                    + keys(entry.getValue()));
        }
        String detail = "endorsed by " + orgs(endorsers) + "; " + String.join("; ", details);
        return held ? Check.passed(Check.ENDORSEMENT_POLICY, detail) : Check.failed(Check.ENDORSEMENT_POLICY, detail);
    }

    private Set<String> writtenKeys(CommittedTransaction transaction) {
        Set<String> written = new TreeSet<>();
        for (CommittedTransaction.NamespaceWrites namespace : transaction.namespaces()) {
            if (namespace.namespace().equals(bundle.chaincode())) {
                namespace.rwset().getWritesList().forEach(write -> written.add(write.getKey()));
                namespace.rwset().getMetadataWritesList().forEach(write -> written.add(write.getKey()));
            }
        }
        return written;
    }

    private static String keys(List<String> keys) {
        return keys.size() <= 2 ? keys.toString() : keys.subList(0, 2) + " and " + (keys.size() - 2) + " more";
    }

    private static Set<String> orgs(List<SignerIdentity> signers) {
        Set<String> orgs = new TreeSet<>();
        signers.forEach(identity -> orgs.add(identity.mspId()));
        return orgs;
    }

    private void recordKeyPolicies(CommittedTransaction transaction) {
        for (CommittedTransaction.NamespaceWrites namespace : transaction.namespaces()) {
            if (namespace.namespace().equals(bundle.chaincode())) {
                namespace.rwset().getMetadataWritesList().forEach(this::recordKeyPolicy);
                for (KVWrite write : namespace.rwset().getWritesList()) {
                    if (write.getIsDelete()) {
                        keyPolicies.remove(write.getKey());
                    }
                }
            }
        }
    }

    private void recordKeyPolicy(KVMetadataWrite write) {
        for (KVMetadataEntry entry : write.getEntriesList()) {
            if (VALIDATION_PARAMETER.equals(entry.getName())) {
                keyPolicies.put(write.getKey(), entry.getValue());
            }
        }
    }
}
