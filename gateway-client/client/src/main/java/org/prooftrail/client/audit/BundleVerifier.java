package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Verifies a {@link ProofBundle} with no network: for every record, each check of {@link Check#NAMES}. Nothing in the
 * bundle is taken on its word except through the trust chosen ({@link AuditTrust}): signatures are verified over the
 * exact bytes, certificates chained to the trusted MSP roots, policies evaluated from the trusted configuration, and
 * every hash recomputed.
 */
public final class BundleVerifier {
    /** The name of the metadata entry that holds a key's endorsement policy (Fabric's {@code VALIDATION_PARAMETER}). */
    static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

    /** The orderers' block signing policy. */
    static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";

    private final ProofBundle bundle;
    private final AuditTrust trust;
    private final Map<Long, Block> blocks = new TreeMap<>();
    private final Map<Long, String> unreadableBlocks = new HashMap<>();
    private ChannelConfig config;
    private Identities identities;
    private Policies policies;
    private Check channelConfig;
    private Check ordererSignatures;
    private final Map<Long, Check> headerChecks = new HashMap<>();
    private final Map<Long, Check> dataHashChecks = new HashMap<>();

    private BundleVerifier(ProofBundle bundle, AuditTrust trust) {
        this.bundle = bundle;
        this.trust = trust;
    }

    /** Verifies every record of the bundle against the trust given. */
    public static BundleVerification verify(ProofBundle bundle, AuditTrust trust) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(trust, "trust");
        return new BundleVerifier(bundle, trust).run();
    }

    private BundleVerification run() {
        readBlocks();
        readConfiguration();
        List<RecordVerification> out = new ArrayList<>();
        if (config == null) {
            for (BundledRecord record : bundle.records()) {
                out.add(unverifiable(record, channelConfig));
            }
            return new BundleVerification(bundle.root(), trust.origin(), out);
        }
        identities = new Identities(config);
        policies = new Policies(config);
        checkHeaderChain();
        checkOrdererSignatures();
        Map<String, TransactionChecks> transactions = checkTransactions();
        List<BundledRecord> ordered = new ArrayList<>(bundle.records());
        ordered.sort(Comparator.comparingLong(BundledRecord::blockNumber)
                .thenComparingInt(record -> Optional.ofNullable(transactions.get(record.transactionId()))
                        .map(TransactionChecks::index)
                        .orElse(Integer.MAX_VALUE)));
        for (BundledRecord record : ordered) {
            out.add(verify(record, transactions.get(record.transactionId())));
        }
        return new BundleVerification(bundle.root(), trust.origin(), out);
    }

    private void readBlocks() {
        bundle.blocks().forEach((number, bytes) -> {
            try {
                Block block = Block.parseFrom(bytes);
                if (block.getHeader().getNumber() == number) {
                    blocks.put(number, block);
                } else {
                    unreadableBlocks.put(
                            number,
                            "the bundle's block " + number + " is block "
                                    + block.getHeader().getNumber());
                }
            } catch (InvalidProtocolBufferException e) {
                unreadableBlocks.put(number, "block " + number + " is not a block: " + e.getMessage());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- configuration

    private void readConfiguration() {
        ChannelConfig bundled = null;
        String problem = null;
        try {
            bundled = ChannelConfig.fromBlock(bundle.configBlock());
        } catch (IllegalArgumentException e) {
            problem = "the bundle's config block: " + e.getMessage();
        }
        if (problem == null) {
            problem = configInChain();
        }
        Optional<ByteString> trustedBlock = trust.trustedConfigBlock();
        if (trustedBlock.isPresent()) {
            config = ChannelConfig.fromBlock(trustedBlock.get());
            if (problem == null) {
                problem = sameRoots(bundled, config);
            }
        } else {
            config = bundled;
            Optional<List<X509Certificate>> roots = trust.trustedRoots();
            if (problem == null && roots.isPresent()) {
                problem = rootsTrusted(bundled, roots.get());
            }
        }
        channelConfig = problem == null
                ? Check.passed(
                        Check.CHANNEL_CONFIG,
                        "config block " + bundle.configBlockNumber() + " in the header chain; trusted: "
                                + trust.origin() + "; organisations "
                                + config.msps().keySet())
                : Check.failed(Check.CHANNEL_CONFIG, problem);
    }

    private String configInChain() {
        try {
            Block block = Block.parseFrom(bundle.configBlock());
            if (block.getHeader().getNumber() != bundle.configBlockNumber()) {
                return "the config block is block " + block.getHeader().getNumber() + ", not "
                        + bundle.configBlockNumber();
            }
            if (!BlockHashes.dataHash(block).equals(block.getHeader().getDataHash())) {
                return "the config block's data does not match its header's data hash";
            }
            ByteString chained = bundle.header(block.getHeader().getNumber());
            if (chained == null) {
                return "config block " + block.getHeader().getNumber() + " is outside the header chain";
            }
            if (!sameHeader(BlockHeader.parseFrom(chained), block.getHeader())) {
                return "config block " + block.getHeader().getNumber() + " differs from header "
                        + block.getHeader().getNumber() + " of the chain";
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            return "the config block cannot be read: " + e.getMessage();
        }
    }

    private static String sameRoots(ChannelConfig bundled, ChannelConfig trusted) {
        for (Msp msp : bundled.msps().values()) {
            Optional<Msp> other = trusted.msp(msp.id());
            if (other.isEmpty()) {
                return msp.id() + " is not an organisation of the trusted config block";
            }
            if (!new HashSet<>(other.get().roots()).equals(new HashSet<>(msp.roots()))) {
                return "the root certificates of " + msp.id() + " differ from the trusted config block's";
            }
        }
        return null;
    }

    private static String rootsTrusted(ChannelConfig bundled, List<X509Certificate> trusted) {
        Set<X509Certificate> known = new HashSet<>(trusted);
        for (Msp msp : bundled.msps().values()) {
            for (X509Certificate root : msp.roots()) {
                if (!known.contains(root)) {
                    return "root certificate " + root.getSubjectX500Principal().getName() + " of " + msp.id()
                            + " is not among the trusted CA certificates";
                }
            }
        }
        return null;
    }

    // --------------------------------------------------------------------------------------------- header chain

    private void checkHeaderChain() {
        List<BlockHeader> headers = new ArrayList<>();
        String unreadable = null;
        for (int i = 0; i < bundle.headers().size() && unreadable == null; i++) {
            try {
                headers.add(BlockHeader.parseFrom(bundle.headers().get(i)));
            } catch (InvalidProtocolBufferException e) {
                unreadable = "header " + (bundle.firstHeader() + i) + " cannot be read";
            }
        }
        // The chain indexes whose link to their predecessor (or numbering) fails: a block below one cannot reach the
        // tip through it.
        TreeMap<Integer, String> broken = new TreeMap<>();
        for (int i = 0; i < headers.size(); i++) {
            long expected = bundle.firstHeader() + i;
            if (headers.get(i).getNumber() != expected) {
                broken.put(
                        i,
                        "header " + expected + " of the chain is numbered "
                                + headers.get(i).getNumber());
            } else if (i > 0 && !headers.get(i).getPreviousHash().equals(BlockHashes.headerHash(headers.get(i - 1)))) {
                broken.put(i, "header " + expected + "'s previous hash is not the hash of header " + (expected - 1));
            }
        }
        long last = bundle.firstHeader() + headers.size() - 1;
        String chainProblem = unreadable;
        if (chainProblem == null && (headers.isEmpty() || last != bundle.tip())) {
            chainProblem = "the header chain ends at block " + last + ", the tip is block " + bundle.tip();
        }
        if (chainProblem == null) {
            Block tip = blocks.get(bundle.tip());
            if (tip == null) {
                chainProblem = "the tip block " + bundle.tip() + " is not in the bundle";
            } else if (!sameHeader(tip.getHeader(), headers.get(headers.size() - 1))) {
                chainProblem = "the tip block's header differs from the chain's last header";
            }
        }
        Set<Long> numbers = new TreeSet<>(bundle.blocks().keySet());
        for (BundledRecord record : bundle.records()) {
            numbers.add(record.blockNumber());
        }
        for (long number : numbers) {
            headerChecks.put(number, headerCheck(number, headers, broken, chainProblem));
            dataHashChecks.put(number, dataHashCheck(number));
        }
    }

    private Check headerCheck(
            long number, List<BlockHeader> headers, TreeMap<Integer, String> broken, String chainProblem) {
        if (chainProblem != null) {
            return Check.failed(Check.HEADER_CHAIN, chainProblem);
        }
        long index = number - bundle.firstHeader();
        if (index < 0 || index >= headers.size()) {
            return Check.failed(Check.HEADER_CHAIN, "block " + number + " is outside the header chain");
        }
        Block block = blocks.get(number);
        if (block == null) {
            return Check.failed(Check.HEADER_CHAIN, blockMissing(number));
        }
        if (!sameHeader(block.getHeader(), headers.get((int) index))) {
            return Check.failed(
                    Check.HEADER_CHAIN,
                    "block " + number + "'s header differs from header " + number + " of the chain");
        }
        Map.Entry<Integer, String> above = broken.higherEntry((int) index);
        if (above != null) {
            return Check.failed(Check.HEADER_CHAIN, above.getValue());
        }
        return Check.passed(
                Check.HEADER_CHAIN,
                (bundle.tip() - number) + " link(s) from block " + number + " to tip " + bundle.tip());
    }

    private Check dataHashCheck(long number) {
        Block block = blocks.get(number);
        if (block == null) {
            return Check.failed(Check.DATA_HASH, blockMissing(number));
        }
        if (!BlockHashes.dataHash(block).equals(block.getHeader().getDataHash())) {
            return Check.failed(
                    Check.DATA_HASH, "SHA-256 of block " + number + "'s data differs from its header's data hash");
        }
        return Check.passed(
                Check.DATA_HASH,
                "block " + number + ": " + block.getData().getDataCount() + " entries hash to "
                        + hex(block.getHeader().getDataHash()).substring(0, 16) + "…");
    }

    private String blockMissing(long number) {
        return unreadableBlocks.getOrDefault(number, "block " + number + " is not in the bundle");
    }

    private static boolean sameHeader(BlockHeader a, BlockHeader b) {
        return a.getNumber() == b.getNumber()
                && a.getPreviousHash().equals(b.getPreviousHash())
                && a.getDataHash().equals(b.getDataHash());
    }

    // ------------------------------------------------------------------------------------------ orderer signatures

    private void checkOrdererSignatures() {
        Block tip = blocks.get(bundle.tip());
        if (tip == null) {
            ordererSignatures = Check.failed(Check.ORDERER_SIGNATURES, blockMissing(bundle.tip()));
            return;
        }
        try {
            Metadata metadata = Metadata.parseFrom(tip.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            ByteString header = ByteString.copyFrom(BlockHashes.headerBytes(tip.getHeader()));
            List<SignerIdentity> signers = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (MetadataSignature signature : metadata.getSignaturesList()) {
                ByteString creator = SignatureHeader.parseFrom(signature.getSignatureHeader())
                        .getCreator();
                SignerIdentity identity;
                try {
                    identity = Identities.read(creator);
                } catch (GeneralSecurityException e) {
                    problems.add("an orderer identity cannot be read: " + e.getMessage());
                    continue;
                }
                String problem = identities.problem(
                        identity,
                        metadata.getValue()
                                .concat(signature.getSignatureHeader())
                                .concat(header),
                        signature.getSignature());
                if (problem == null) {
                    signers.add(identity);
                } else {
                    problems.add(problem);
                }
            }
            Policies.Outcome outcome = policies.evaluate(BLOCK_VALIDATION, signers);
            String detail = "tip " + bundle.tip() + ": " + signers.size() + " of " + metadata.getSignaturesCount()
                    + " signature(s) valid; " + outcome.description()
                    + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
            ordererSignatures = outcome.satisfied()
                    ? Check.passed(Check.ORDERER_SIGNATURES, detail)
                    : Check.failed(Check.ORDERER_SIGNATURES, detail);
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            ordererSignatures = Check.failed(
                    Check.ORDERER_SIGNATURES, "the tip's signature metadata cannot be read: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ transactions

    /** The transaction-level checks of one transaction, shared by the records it wrote. */
    private record TransactionChecks(
            CommittedTransaction transaction,
            int index,
            Optional<SignerIdentity> creator,
            Check creatorSignature,
            Check endorserSignatures,
            Check endorsementPolicy,
            Check validationFlag) {}

    private Map<String, TransactionChecks> checkTransactions() {
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (BundledRecord record : bundle.records()) {
            wanted.putIfAbsent(record.transactionId(), record.blockNumber());
        }
        List<CommittedTransaction> found = new ArrayList<>();
        Map<String, Long> blockOf = new HashMap<>();
        for (Map.Entry<String, Long> entry : wanted.entrySet()) {
            Block block = blocks.get(entry.getValue());
            if (block == null) {
                continue;
            }
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                ByteString data = block.getData().getData(i);
                if (entry.getKey().equals(CommittedTransaction.transactionId(data))) {
                    try {
                        found.add(CommittedTransaction.parse(data, i));
                        blockOf.put(entry.getKey(), entry.getValue());
                    } catch (InvalidProtocolBufferException e) {
                        // left out: its record reports it unreadable
                    }
                    break;
                }
            }
        }
        found.sort(Comparator.comparingLong((CommittedTransaction tx) -> blockOf.get(tx.transactionId()))
                .thenComparingInt(CommittedTransaction::index));
        Map<String, ByteString> keyPolicies = new HashMap<>();
        Map<String, TransactionChecks> out = new HashMap<>();
        for (CommittedTransaction transaction : found) {
            Block block = blocks.get(blockOf.get(transaction.transactionId()));
            TransactionChecks checks = checkTransaction(transaction, block, keyPolicies);
            out.put(transaction.transactionId(), checks);
            if (checks.validationFlag().ok()) {
                recordKeyPolicies(transaction, keyPolicies);
            }
        }
        return out;
    }

    private TransactionChecks checkTransaction(
            CommittedTransaction transaction, Block block, Map<String, ByteString> keyPolicies) {
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
        List<String> problems = new ArrayList<>();
        for (Endorsement endorsement : transaction.endorsements()) {
            try {
                SignerIdentity identity = Identities.read(endorsement.getEndorser());
                String problem = identities.problem(
                        identity,
                        transaction.proposalResponsePayload().concat(endorsement.getEndorser()),
                        endorsement.getSignature());
                if (problem == null) {
                    endorsers.add(identity);
                } else {
                    problems.add(problem);
                }
            } catch (GeneralSecurityException e) {
                problems.add("an endorser's identity cannot be read: " + e.getMessage());
            }
        }
        Set<String> endorserOrgs = new TreeSet<>();
        endorsers.forEach(identity -> endorserOrgs.add(identity.mspId()));
        Check endorserSignatures;
        if (transaction.endorsements().isEmpty()) {
            endorserSignatures = Check.failed(Check.ENDORSER_SIGNATURES, "the transaction carries no endorsement");
        } else if (problems.isEmpty()) {
            endorserSignatures = Check.passed(
                    Check.ENDORSER_SIGNATURES, endorsers.size() + " endorsement(s) valid: " + endorserOrgs);
        } else {
            endorserSignatures = Check.failed(Check.ENDORSER_SIGNATURES, String.join("; ", problems));
        }
        return new TransactionChecks(
                transaction,
                transaction.index(),
                creator,
                creatorSignature,
                endorserSignatures,
                endorsementPolicy(transaction, endorsers, keyPolicies),
                validationFlag(transaction, block));
    }

    private Check endorsementPolicy(
            CommittedTransaction transaction, List<SignerIdentity> endorsers, Map<String, ByteString> keyPolicies) {
        Set<String> written = new TreeSet<>();
        for (CommittedTransaction.NamespaceWrites namespace : transaction.namespaces()) {
            if (namespace.namespace().equals(bundle.chaincode())) {
                namespace.rwset().getWritesList().forEach(write -> written.add(write.getKey()));
                namespace.rwset().getMetadataWritesList().forEach(write -> written.add(write.getKey()));
            }
        }
        if (written.isEmpty()) {
            return Check.failed(
                    Check.ENDORSEMENT_POLICY, "the transaction writes nothing in namespace " + bundle.chaincode());
        }
        Map<ByteString, List<String>> byPolicy = new LinkedHashMap<>();
        boolean chaincodePolicy = false;
        for (String key : written) {
            ByteString policy = keyPolicies.get(key);
            if (policy == null) {
                chaincodePolicy = true;
            } else {
                byPolicy.computeIfAbsent(policy, unused -> new ArrayList<>()).add(ReadableKeys.of(key));
            }
        }
        List<String> details = new ArrayList<>();
        boolean held = true;
        if (chaincodePolicy) {
            Policies.Outcome outcome = policies.evaluate(bundle.endorsementPolicy(), endorsers);
            held = outcome.satisfied();
            details.add((outcome.satisfied() ? "" : "NOT SATISFIED: ") + "chaincode policy " + outcome.description());
        }
        for (Map.Entry<ByteString, List<String>> entry : byPolicy.entrySet()) {
            Policies.Outcome outcome = policies.evaluateKeyLevel(entry.getKey(), endorsers);
            held &= outcome.satisfied();
            List<String> keys = entry.getValue();
            details.add((outcome.satisfied() ? "" : "NOT SATISFIED: ") + "key-level " + outcome.description() + " on "
                    + (keys.size() <= 2 ? keys : keys.subList(0, 2) + " and " + (keys.size() - 2) + " more"));
        }
        Set<String> orgs = new TreeSet<>();
        endorsers.forEach(identity -> orgs.add(identity.mspId()));
        String detail = "endorsed by " + orgs + "; " + String.join("; ", details);
        return held ? Check.passed(Check.ENDORSEMENT_POLICY, detail) : Check.failed(Check.ENDORSEMENT_POLICY, detail);
    }

    private void recordKeyPolicies(CommittedTransaction transaction, Map<String, ByteString> keyPolicies) {
        for (CommittedTransaction.NamespaceWrites namespace : transaction.namespaces()) {
            if (!namespace.namespace().equals(bundle.chaincode())) {
                continue;
            }
            for (KVMetadataWrite write : namespace.rwset().getMetadataWritesList()) {
                for (KVMetadataEntry entry : write.getEntriesList()) {
                    if (VALIDATION_PARAMETER.equals(entry.getName())) {
                        keyPolicies.put(write.getKey(), entry.getValue());
                    }
                }
            }
            for (KVWrite write : namespace.rwset().getWritesList()) {
                if (write.getIsDelete()) {
                    keyPolicies.remove(write.getKey());
                }
            }
        }
    }

    private static Check validationFlag(CommittedTransaction transaction, Block block) {
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        if (transaction.index() >= flags.size()) {
            return Check.failed(
                    Check.VALIDATION_FLAG, "the block has no validation flag for transaction " + transaction.index());
        }
        int code = flags.byteAt(transaction.index()) & 0xff;
        if (code == TxValidationCode.VALID_VALUE) {
            return Check.passed(Check.VALIDATION_FLAG, "VALID (transaction " + transaction.index() + " of the block)");
        }
        TxValidationCode name = TxValidationCode.forNumber(code);
        return Check.failed(Check.VALIDATION_FLAG, "flagged " + (name == null ? "code " + code : name.name()));
    }

    // ---------------------------------------------------------------------------------------------------- records

    private RecordVerification verify(BundledRecord record, TransactionChecks transaction) {
        Check headerChain = headerChecks.get(record.blockNumber());
        Check dataHash = dataHashChecks.get(record.blockNumber());
        if (transaction == null) {
            String why = blocks.containsKey(record.blockNumber())
                    ? "transaction " + record.transactionId() + " is not (readable) in block " + record.blockNumber()
                    : blockMissing(record.blockNumber());
            return new RecordVerification(
                    record.id(),
                    record.kind(),
                    record.readableKey(),
                    record.transactionId(),
                    record.blockNumber(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(
                            channelConfig,
                            Check.failed(Check.CREATOR_SIGNATURE, why),
                            Check.failed(Check.ENDORSER_SIGNATURES, why),
                            Check.failed(Check.ENDORSEMENT_POLICY, why),
                            Check.failed(Check.WRITE_SET, why),
                            Check.failed(Check.VALIDATION_FLAG, why),
                            dataHash,
                            headerChain,
                            ordererSignatures));
        }
        return new RecordVerification(
                record.id(),
                record.kind(),
                record.readableKey(),
                record.transactionId(),
                record.blockNumber(),
                transaction.creator().map(SignerIdentity::mspId),
                transaction.creator().map(SignerIdentity::subject),
                Optional.of(transaction.transaction().timestamp()),
                List.of(
                        channelConfig,
                        transaction.creatorSignature(),
                        transaction.endorserSignatures(),
                        transaction.endorsementPolicy(),
                        writeSet(record, transaction.transaction()),
                        transaction.validationFlag(),
                        dataHash,
                        headerChain,
                        ordererSignatures));
    }

    private static Check writeSet(BundledRecord record, CommittedTransaction transaction) {
        for (CommittedTransaction.NamespaceWrites namespace : transaction.namespaces()) {
            if (!namespace.namespace().equals(record.namespace())) {
                continue;
            }
            for (KVWrite write : namespace.rwset().getWritesList()) {
                if (write.getKey().equals(record.key())) {
                    if (write.getIsDelete()) {
                        return Check.failed(Check.WRITE_SET, "the transaction deletes " + record.readableKey());
                    }
                    if (!write.getValue().equals(record.value())) {
                        return Check.failed(
                                Check.WRITE_SET,
                                "the transaction writes " + record.readableKey()
                                        + " with other bytes than the record claims");
                    }
                    return Check.passed(
                            Check.WRITE_SET,
                            record.readableKey() + " = " + record.value().size() + " bytes, sha256 "
                                    + hex(ByteString.copyFrom(BlockHashes.sha256()
                                                    .digest(record.value().toByteArray())))
                                            .substring(0, 16)
                                    + "…");
                }
            }
        }
        return Check.failed(
                Check.WRITE_SET,
                "the transaction does not write " + record.readableKey() + " in namespace " + record.namespace());
    }

    private static RecordVerification unverifiable(BundledRecord record, Check configCheck) {
        List<Check> checks = new ArrayList<>();
        checks.add(configCheck);
        for (String name : Check.NAMES.subList(1, Check.NAMES.size())) {
            checks.add(Check.failed(name, "no trusted channel configuration to verify against"));
        }
        return new RecordVerification(
                record.id(),
                record.kind(),
                record.readableKey(),
                record.transactionId(),
                record.blockNumber(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                checks);
    }

    static String hex(ByteString bytes) {
        StringBuilder out = new StringBuilder(bytes.size() * 2);
        for (int i = 0; i < bytes.size(); i++) {
            out.append(Character.forDigit((bytes.byteAt(i) >> 4) & 0xf, 16))
                    .append(Character.forDigit(bytes.byteAt(i) & 0xf, 16));
        }
        return out.toString();
    }
}
