package org.prooftrail.client.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** The bundle's blocks, parsed once; a block that is not what its number says is kept out, with the reason. */
final class BundleBlocks {
    private final SortedMap<Long, Block> blocks = new TreeMap<>();
    private final Map<Long, String> problems = new HashMap<>();

    BundleBlocks(ProofBundle bundle) {
        bundle.blocks().forEach((number, bytes) -> {
            try {
                Block block = Block.parseFrom(bytes);
                if (block.getHeader().getNumber() == number) {
                    blocks.put(number, block);
                } else {
                    problems.put(
                            number,
                            "the bundle's block " + number + " is block "
                                    + block.getHeader().getNumber());
                }
            } catch (InvalidProtocolBufferException e) {
                problems.put(number, "block " + number + " is not a block: " + e.getMessage());
            }
        });
    }

    Optional<Block> block(long number) {
        return Optional.ofNullable(blocks.get(number));
    }

    /** Why block {@code number} cannot be used. */
    String missing(long number) {
        return problems.getOrDefault(number, "block " + number + " is not in the bundle");
    }

    static boolean sameHeader(BlockHeader a, BlockHeader b) {
        return a.getNumber() == b.getNumber()
                && a.getPreviousHash().equals(b.getPreviousHash())
                && a.getDataHash().equals(b.getDataHash());
    }
}
