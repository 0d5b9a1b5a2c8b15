package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * The {@code channel-config} check and the configuration verification uses: the bundle's config block must sit in
 * the header chain; the trust decides whose MSPs and policies count.
 */
final class ConfigurationCheck {
    private ConfigurationCheck() {}

    /** The configuration to verify with (null when there is none) and the check's outcome. */
    record Outcome(ChannelConfig config, Check check) {}

    static Outcome check(ProofBundle bundle, AuditTrust trust) {
        ChannelConfig bundled = null;
        String problem;
        try {
            bundled = ChannelConfig.fromBlock(bundle.configBlock());
            problem = inChain(bundle);
        } catch (IllegalArgumentException e) {
            problem = "the bundle's config block: " + e.getMessage();
        }
        ChannelConfig config = bundled;
        Optional<ByteString> trustedBlock = trust.trustedConfigBlock();
        Optional<List<X509Certificate>> roots = trust.trustedRoots();
        if (trustedBlock.isPresent()) {
            config = ChannelConfig.fromBlock(trustedBlock.get());
            problem = problem == null ? sameRoots(bundled, config) : problem;
        } else if (roots.isPresent() && problem == null) {
            problem = rootsTrusted(bundled, roots.get());
        }
        if (problem != null) {
            return new Outcome(config, Check.failed(Check.CHANNEL_CONFIG, problem));
        }
        return new Outcome(
                config,
                Check.passed(
                        Check.CHANNEL_CONFIG,
                        "config block " + bundle.configBlockNumber() + " in the header chain; trusted: "
                                + trust.origin() + "; organisations "
                                + config.msps().keySet()));
    }

    private static String inChain(ProofBundle bundle) {
        try {
            Block block = Block.parseFrom(bundle.configBlock());
            long number = block.getHeader().getNumber();
            if (number != bundle.configBlockNumber()) {
                return "the config block is block " + number + ", not " + bundle.configBlockNumber();
            }
            if (!BlockHashes.dataHash(block).equals(block.getHeader().getDataHash())) {
                return "the config block's data does not match its header's data hash";
            }
            ByteString header = bundle.header(number);
            if (header == null) {
                return "config block " + number + " is outside the header chain";
            }
            return BundleBlocks.sameHeader(BlockHeader.parseFrom(header), block.getHeader())
                    ? null
                    : "config block " + number + " differs from header " + number + " of the chain";
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
            if (!Set.copyOf(other.get().roots()).equals(Set.copyOf(msp.roots()))) {
                return "the root certificates of " + msp.id() + " differ from the trusted config block's";
            }
        }
        return null;
    }

    private static String rootsTrusted(ChannelConfig bundled, List<X509Certificate> trusted) {
        Set<X509Certificate> known = Set.copyOf(trusted);
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
}
