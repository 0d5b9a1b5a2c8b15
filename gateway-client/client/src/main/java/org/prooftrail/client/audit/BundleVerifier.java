package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a {@link ProofBundle} with no network: for every record, each check of {@link Check#NAMES}. Nothing in the
 * bundle is taken on its word except through the trust chosen ({@link AuditTrust}): signatures are verified over the
 * exact bytes, certificates chained to the trusted MSP roots, policies evaluated from the trusted configuration, and
 * every hash recomputed.
 */
public final class BundleVerifier {
    private BundleVerifier() {}

    /** Verifies every record of the bundle against the trust given. */
    public static BundleVerification verify(ProofBundle bundle, AuditTrust trust) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(trust, "trust");
        BundleBlocks blocks = new BundleBlocks(bundle);
        ConfigurationCheck.Outcome configuration = ConfigurationCheck.check(bundle, trust);
        List<RecordVerification> out = new ArrayList<>();
        if (configuration.config() == null) {
            bundle.records().forEach(record -> out.add(unverifiable(record, configuration.check())));
            return new BundleVerification(bundle.root(), trust.origin(), out);
        }
        Identities identities = new Identities(configuration.config());
        Policies policies = new Policies(configuration.config());
        HeaderChainCheck chain = new HeaderChainCheck(bundle, blocks);
        Check orderers = OrdererSignatureCheck.check(bundle, blocks, identities, policies);
        Map<String, TransactionChecks> transactions =
                new TransactionCheck(bundle, blocks, identities, policies).checkAll();
        List<BundledRecord> ordered = new ArrayList<>(bundle.records());
        ordered.sort(Comparator.comparingLong(BundledRecord::blockNumber)
                .thenComparingInt(record -> Optional.ofNullable(transactions.get(record.transactionId()))
                        .map(checks -> checks.transaction().index())
                        .orElse(Integer.MAX_VALUE)));
        for (BundledRecord record : ordered) {
            List<Check> shared = List.of(
                    configuration.check(),
                    chain.dataHash(record.blockNumber()),
                    chain.headerChain(record.blockNumber()),
                    orderers);
            out.add(verify(record, transactions.get(record.transactionId()), shared, blocks));
        }
        return new BundleVerification(bundle.root(), trust.origin(), out);
    }

    /** {@code shared}: channel-config, data-hash, header-chain, orderer-signatures. */
    private static RecordVerification verify(
            BundledRecord record, TransactionChecks transaction, List<Check> shared, BundleBlocks blocks) {
        if (transaction == null) {
            String why = blocks.block(record.blockNumber()).isPresent()
                    ? "transaction " + record.transactionId() + " is not (readable) in block " + record.blockNumber()
                    : blocks.missing(record.blockNumber());
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
                            shared.get(0),
                            Check.failed(Check.CREATOR_SIGNATURE, why),
                            Check.failed(Check.ENDORSER_SIGNATURES, why),
                            Check.failed(Check.ENDORSEMENT_POLICY, why),
                            Check.failed(Check.WRITE_SET, why),
                            Check.failed(Check.VALIDATION_FLAG, why),
                            shared.get(1),
                            shared.get(2),
                            shared.get(3)));
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
                        shared.get(0),
                        transaction.creatorSignature(),
                        transaction.endorserSignatures(),
                        transaction.endorsementPolicy(),
                        RecordChecks.writeSet(record, transaction.transaction()),
                        transaction.validationFlag(),
                        shared.get(1),
                        shared.get(2),
                        shared.get(3)));
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
