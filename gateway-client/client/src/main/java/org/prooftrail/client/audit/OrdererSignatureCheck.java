package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/** The {@code orderer-signatures} check of the tip: its signatures against the channel's block validation policy. */
final class OrdererSignatureCheck {
    /** The orderers' block signing policy. */
    static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";

    private OrdererSignatureCheck() {}

    static Check check(ProofBundle bundle, BundleBlocks blocks, Identities identities, Policies policies) {
        Optional<Block> tip = blocks.block(bundle.tip());
        if (tip.isEmpty()) {
            return Check.failed(Check.ORDERER_SIGNATURES, blocks.missing(bundle.tip()));
        }
        Metadata metadata;
        try {
            metadata = Metadata.parseFrom(tip.get().getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return Check.failed(
                    Check.ORDERER_SIGNATURES, "the tip's signature metadata cannot be read: " + e.getMessage());
        }
        ByteString header =
                ByteString.copyFrom(BlockHashes.headerBytes(tip.get().getHeader()));
        List<SignerIdentity> signers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MetadataSignature signature : metadata.getSignaturesList()) {
            String problem;
            try {
                SignerIdentity identity = Identities.read(SignatureHeader.parseFrom(signature.getSignatureHeader())
                        .getCreator());
                problem = identities.problem(
                        identity,
                        metadata.getValue()
                                .concat(signature.getSignatureHeader())
                                .concat(header),
                        signature.getSignature());
                if (problem == null) {
                    signers.add(identity);
                }
            } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
                problem = "an orderer identity cannot be read: " + e.getMessage();
            }
            if (problem != null) {
                problems.add(problem);
            }
        }
        Policies.Outcome outcome = policies.evaluate(BLOCK_VALIDATION, signers);
        String detail = "tip " + bundle.tip() + ": " + signers.size() + " of " + metadata.getSignaturesCount()
                + " signature(s) valid; " + outcome.description()
                + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        return outcome.satisfied()
                ? Check.passed(Check.ORDERER_SIGNATURES, detail)
                : Check.failed(Check.ORDERER_SIGNATURES, detail);
    }
}
