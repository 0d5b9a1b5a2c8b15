package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.prooftrail.client.config.GatewayConfig;
import org.prooftrail.protocol.Digest;

/**
 * Fabric's endorser does not check a proposal's timestamp; prooftrail's chaincode does. Proposals are built here by
 * hand with the fabric-protos classes, as any client could build them, signed with a curator's ECDSA key and sent
 * to each peer's Endorser service over TLS: one back-dated by a day (what would let an expired grant admit a run),
 * one from the year 2300 (what overflowed the access log's sort key) and one timestamped now. Every peer refuses the
 * first two with the chaincode's {@code FAILED_PRECONDITION} naming both times and the tolerance, and endorses the
 * third. Nothing is submitted for ordering, so the ledger is unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClockSkewIT {
    private static final String ORG = "hospital-a";
    private static final String USER = "csk-curator";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Map<String, ManagedChannel> channels = new TreeMap<>();

    private FabricNetwork network;
    private GatewayConfig config;
    private ByteString creator;
    private Signer signer;

    @BeforeAll
    void network() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        network.issueUser(ORG, USER, "curator");
        config = network.gatewayConfig(ORG, USER);
        creator = SerializedIdentity.newBuilder()
                .setMspid(config.mspId())
                .setIdBytes(ByteString.copyFrom(config.certificatePem()))
                .build()
                .toByteString();
        try (Reader pem = Files.newBufferedReader(config.privateKey(), UTF_8)) {
            signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(pem));
        }
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void every_peer_refuses_a_proposal_back_dated_by_a_day_naming_both_times_and_the_tolerance() throws Exception {
        for (String org : FabricNetwork.ORGS) {
            Instant backDated = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

            ProposalResponse response = endorse(org, backDated, "back-" + org);

            assertRefused(org, response, backDated, " behind this peer's clock ");
        }
    }

    @Test
    void every_peer_refuses_a_proposal_from_the_year_2300() throws Exception {
        Instant farFuture = Instant.parse("2300-01-01T00:00:00Z");
        for (String org : FabricNetwork.ORGS) {
            ProposalResponse response = endorse(org, farFuture, "future-" + org);

            assertRefused(org, response, farFuture, " ahead of this peer's clock ");
        }
    }

    @Test
    void every_peer_endorses_the_same_proposal_timestamped_now() throws Exception {
        for (String org : FabricNetwork.ORGS) {
            Instant now = Instant.now();

            ProposalResponse response = endorse(org, now, "now-" + org);

            assertThat(response.getResponse().getStatus())
                    .as(org + "'s peer: " + response.getResponse().getMessage())
                    .isEqualTo(200);
            assertThat(response.getResponse().getPayload().toStringUtf8())
                    .contains("\"id\":\"" + artifactId("now-" + org) + "\"")
                    .contains("\"registeredAt\":\"" + now + "\"");
            assertThat(response.getEndorsement().getSignature().isEmpty())
                    .as("endorsed")
                    .isFalse();
        }
    }

    private static void assertRefused(String org, ProposalResponse response, Instant proposed, String direction) {
        assertThat(response.getResponse().getStatus())
                .as(org + "'s peer: " + response.getResponse().getMessage())
                .isEqualTo(500);
        assertThat(response.getResponse().getMessage())
                .as(org + "'s peer")
                .startsWith("FAILED_PRECONDITION: the proposal's timestamp " + proposed + " is ")
                .contains(direction)
                .contains(", more than the tolerance of PT5M (PROOFTRAIL_CLOCK_TOLERANCE)");
        assertThat(response.getEndorsement().getSignature().isEmpty())
                .as("no endorsement from " + org)
                .isTrue();
    }

    private String artifactId(String name) {
        return "csk-" + run + "-" + name;
    }

    /** Sends {@code artifact:Register} of a fresh artifact, timestamped {@code timestamp}, to ORG's peer. */
    private ProposalResponse endorse(String org, Instant timestamp, String name) throws Exception {
        String id = artifactId(name);
        String artifact =
                "{\"id\":\"" + id + "\",\"kind\":\"OTHER\",\"digest\":\"" + Digest.sha256(id.getBytes(UTF_8)) + "\"}";
        SignedProposal proposal = signedProposal(timestamp, "artifact:Register", artifact);
        return EndorserGrpc.newBlockingStub(channel(org))
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .processProposal(proposal);
    }

    private SignedProposal signedProposal(Instant timestamp, String... arguments) throws GeneralSecurityException {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        // Fabric checks that the transaction id is the SHA-256 of nonce and creator.
        String txId = HexFormat.of().formatHex(Hash.SHA256.apply(concat(nonce, creator.toByteArray())));
        ChaincodeID chaincode =
                ChaincodeID.newBuilder().setName(config.chaincode()).build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(config.channel())
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(timestamp.getEpochSecond())
                        .setNanos(timestamp.getNano()))
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(chaincode)
                        .build()
                        .toByteString())
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String argument : arguments) {
            input.addArgs(ByteString.copyFromUtf8(argument));
        }
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA)
                        .setChaincodeId(chaincode)
                        .setInput(input))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build()
                        .toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder()
                        .setInput(invocation.toByteString())
                        .build()
                        .toByteString())
                .build();
        ByteString bytes = proposal.toByteString();
        return SignedProposal.newBuilder()
                .setProposalBytes(bytes)
                .setSignature(ByteString.copyFrom(signer.sign(Hash.SHA256.apply(bytes.toByteArray()))))
                .build();
    }

    /** A TLS channel to ORG's peer, whose certificate names 127.0.0.1 ({@code network/crypto-config.yaml}). */
    private ManagedChannel channel(String org) throws IOException {
        ManagedChannel channel = channels.get(org);
        if (channel == null) {
            Path ca = network.peerTlsCa(org);
            channel = Grpc.newChannelBuilder(
                            FabricNetwork.peerAddress(org),
                            TlsChannelCredentials.newBuilder()
                                    .trustManager(ca.toFile())
                                    .build())
                    .build();
            channels.put(org, channel);
        }
        return channel;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
