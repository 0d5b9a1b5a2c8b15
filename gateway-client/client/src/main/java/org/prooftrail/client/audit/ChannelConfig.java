package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * A channel's configuration as its config block holds it: the organisations' MSPs (application and orderer) and
 * the policy tree, read with the fabric-protos classes.
 */
final class ChannelConfig {
    private static final String CHANNEL = "Channel";

    private final ConfigGroup channelGroup;
    private final Map<String, Msp> msps;

    private ChannelConfig(ConfigGroup channelGroup, Map<String, Msp> msps) {
        this.channelGroup = channelGroup;
        this.msps = msps;
    }

    /**
     * Parses a config block.
     *
     * @throws IllegalArgumentException when the bytes are not a config block
     */
    static ChannelConfig fromBlock(ByteString blockBytes) {
        try {
            Block block = Block.parseFrom(blockBytes);
            if (block.getData().getDataCount() != 1) {
                throw new IllegalArgumentException("a config block holds one envelope, this one "
                        + block.getData().getDataCount());
            }
            Envelope envelope = Envelope.parseFrom(block.getData().getData(0));
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ConfigEnvelope config = ConfigEnvelope.parseFrom(payload.getData());
            ConfigGroup channel = config.getConfig().getChannelGroup();
            if (channel.getGroupsCount() == 0) {
                throw new IllegalArgumentException("the block holds no channel configuration");
            }
            return new ChannelConfig(channel, msps(channel));
        } catch (InvalidProtocolBufferException | CertificateException e) {
            throw new IllegalArgumentException("not a channel config block: " + e.getMessage(), e);
        }
    }

    private static Map<String, Msp> msps(ConfigGroup channel)
            throws InvalidProtocolBufferException, CertificateException {
        Map<String, Msp> msps = new TreeMap<>();
        for (ConfigGroup section : channel.getGroupsMap().values()) {
            for (ConfigGroup org : section.getGroupsMap().values()) {
                ConfigValue value = org.getValuesMap().get("MSP");
                if (value != null) {
                    Msp msp = msp(value.getValue());
                    msps.put(msp.id(), msp);
                }
            }
        }
        return msps;
    }

    private static Msp msp(ByteString bytes) throws InvalidProtocolBufferException, CertificateException {
        MSPConfig config = MSPConfig.parseFrom(bytes);
        FabricMSPConfig fabric = FabricMSPConfig.parseFrom(config.getConfig());
        Optional<Msp.NodeOus> nodeOus = Optional.empty();
        if (fabric.hasFabricNodeOus() && fabric.getFabricNodeOus().getEnable()) {
            FabricNodeOUs ous = fabric.getFabricNodeOus();
            nodeOus = Optional.of(new Msp.NodeOus(
                    ous.getPeerOuIdentifier().getOrganizationalUnitIdentifier(),
                    ous.getClientOuIdentifier().getOrganizationalUnitIdentifier(),
                    ous.getAdminOuIdentifier().getOrganizationalUnitIdentifier(),
                    ous.getOrdererOuIdentifier().getOrganizationalUnitIdentifier()));
        }
        return new Msp(
                fabric.getName(),
                certificates(fabric.getRootCertsList()),
                certificates(fabric.getIntermediateCertsList()),
                certificates(fabric.getAdminsList()),
                nodeOus);
    }

    static List<X509Certificate> certificates(Collection<ByteString> pems) throws CertificateException {
        // One stream of all the PEM blocks: the factory reads certificate after certificate.
        ByteString all = ByteString.EMPTY;
        for (ByteString pem : pems) {
            all = all.concat(pem).concat(ByteString.copyFromUtf8("\n"));
        }
        List<X509Certificate> out = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(all.toByteArray()))) {
            out.add((X509Certificate) certificate);
        }
        return out;
    }

    /** The MSP of this id, if the channel has it. */
    Optional<Msp> msp(String mspId) {
        return Optional.ofNullable(msps.get(mspId));
    }

    Map<String, Msp> msps() {
        return msps;
    }

    /** The group at a path below {@code Channel} ({@code Application}, {@code Orderer}), if present. */
    Optional<ConfigGroup> group(List<String> path) {
        ConfigGroup group = channelGroup;
        for (String name : path) {
            group = group.getGroupsMap().get(name);
            if (group == null) {
                return Optional.empty();
            }
        }
        return Optional.of(group);
    }

    /**
     * The policy at a Fabric policy path such as {@code /Channel/Application/Endorsement}, with the group it is
     * defined in.
     */
    Optional<PolicyAt> policy(String path) {
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        if (parts.size() < 2 || !CHANNEL.equals(parts.get(0))) {
            return Optional.empty();
        }
        String name = parts.remove(parts.size() - 1);
        parts.remove(0);
        return group(parts)
                .flatMap(group -> Optional.ofNullable(group.getPoliciesMap().get(name))
                        .map(policy -> new PolicyAt(group, policy.getPolicy(), name)));
    }

    /** A policy and the group it is defined in (whose sub-groups an implicit-meta policy ranges over). */
    record PolicyAt(ConfigGroup group, Policy policy, String name) {}
}
