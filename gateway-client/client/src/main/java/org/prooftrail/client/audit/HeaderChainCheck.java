package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** The {@code header-chain} and {@code data-hash} checks of a block, from the bundle's chain of headers. */
final class HeaderChainCheck {
    private final ProofBundle bundle;
    private final BundleBlocks blocks;
    private final List<BlockHeader> headers = new ArrayList<>();
    // The chain indexes whose link to their predecessor (or numbering) fails: a block below one cannot reach the tip.
    private final NavigableMap<Integer, String> broken = new TreeMap<>();
    private final String chainProblem;

    HeaderChainCheck(ProofBundle bundle, BundleBlocks blocks) {
        this.bundle = bundle;
        this.blocks = blocks;
        String unreadable = readHeaders();
        findBrokenLinks();
        this.chainProblem = unreadable == null ? endProblem() : unreadable;
    }

    private String readHeaders() {
        for (ByteString header : bundle.headers()) {
            try {
                headers.add(BlockHeader.parseFrom(header));
            } catch (InvalidProtocolBufferException e) {
                return "header " + (bundle.firstHeader() + headers.size()) + " cannot be read";
            }
        }
        return null;
    }

    private void findBrokenLinks() {
        for (int i = 0; i < headers.size(); i++) {
            String problem = linkProblem(i);
            if (problem != null) {
                broken.put(i, problem);
            }
        }
    }

    private String linkProblem(int i) {
        long expected = bundle.firstHeader() + i;
        BlockHeader header = headers.get(i);
        if (header.getNumber() != expected) {
            return "header " + expected + " of the chain is numbered " + header.getNumber();
        }
        if (i > 0 && !header.getPreviousHash().equals(BlockHashes.headerHash(headers.get(i - 1)))) {
            return "header " + expected + "'s previous hash is not the hash of header " + (expected - 1);
        }
        return null;
    }

    private String endProblem() {
        long last = bundle.firstHeader() + headers.size() - 1;
        if (headers.isEmpty() || last != bundle.tip()) {
            return "the header chain ends at block " + last + ", the tip is block " + bundle.tip();
        }
        Optional<Block> tip = blocks.block(bundle.tip());
        if (tip.isEmpty()) {
            return "the tip block " + bundle.tip() + " is not in the bundle";
        }
        return BundleBlocks.sameHeader(tip.get().getHeader(), headers.get(headers.size() - 1))
                ? null
                : "the tip block's header differs from the chain's last header";
    }

    Check headerChain(long number) {
        String problem = chainProblem == null ? blockProblem(number) : chainProblem;
        return problem == null
                ? Check.passed(
                        Check.HEADER_CHAIN,
                        (bundle.tip() - number) + " link(s) from block " + number + " to tip " + bundle.tip())
                : Check.failed(Check.HEADER_CHAIN, problem);
    }

    private String blockProblem(long number) {
        long index = number - bundle.firstHeader();
        if (index < 0 || index >= headers.size()) {
            return "block " + number + " is outside the header chain";
        }
        Optional<Block> block = blocks.block(number);
        if (block.isEmpty()) {
            return blocks.missing(number);
        }
        if (!BundleBlocks.sameHeader(block.get().getHeader(), headers.get((int) index))) {
            return "block " + number + "'s header differs from header " + number + " of the chain";
        }
        return Optional.ofNullable(broken.higherEntry((int) index))
                .map(Map.Entry::getValue)
                .orElse(null);
    }

    Check dataHash(long number) {
        Optional<Block> block = blocks.block(number);
        if (block.isEmpty()) {
            return Check.failed(Check.DATA_HASH, blocks.missing(number));
        }
        BlockHeader header = block.get().getHeader();
        if (!BlockHashes.dataHash(block.get()).equals(header.getDataHash())) {
            return Check.failed(
                    Check.DATA_HASH, "SHA-256 of block " + number + "'s data differs from its header's data hash");
        }
        return Check.passed(
                Check.DATA_HASH,
                "block " + number + ": " + block.get().getData().getDataCount() + " entries hash to "
                        + BundleVerifier.hex(header.getDataHash()).substring(0, 16) + "…");
    }
}
