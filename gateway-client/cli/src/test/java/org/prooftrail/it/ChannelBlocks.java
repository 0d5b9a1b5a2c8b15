package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every block of channel {@code prooftrail}, as a member sees it: fetched one by one from an organisation's peer
 * with {@code peer channel fetch N} as its admin ({@code network.sh env}), and decoded with {@code configtxlator
 * proto_decode --type common.Block}.
 */
final class ChannelBlocks {
    /** A block's bytes as the peer delivered them, and configtxlator's JSON of it. */
    record Block(long number, byte[] raw, String decoded) {}

    private static final Pattern HEIGHT = Pattern.compile("\"height\":(\\d+)");

    // Four fetches at a time: each is a short gRPC call and a Go process start, so waiting dominates.
    private static final String FETCH_ALL = """
            set -euo pipefail
            cd "$1"
            info="$(peer channel getinfo -c prooftrail 2>&1)" || { echo "$info"; exit 1; }
            height="$(sed -n 's/.*"height":\\([0-9]*\\).*/\\1/p' <<<"$info")"
            [[ -n "$height" ]] || { echo "no height in: $info"; exit 1; }
            seq 0 $((height - 1)) | xargs -P 4 -I{} bash -c '
                set -e
                peer channel fetch "$1" "$1.block" -c prooftrail >"$1.log" 2>&1 || { cat "$1.log"; exit 1; }
                configtxlator proto_decode --type common.Block --input "$1.block" --output "$1.json"
            ' fetch {}
            echo "{\\"height\\":$height}"
            """;

    private ChannelBlocks() {}

    /** The channel's height seen by ORG's peer. */
    static long height(FabricNetwork network, String org) throws IOException, InterruptedException {
        FabricNetwork.Result info = network.peer(org, "channel", "getinfo", "-c", "prooftrail");
        Matcher matcher = HEIGHT.matcher(info.output());
        if (info.exitCode() != 0 || !matcher.find()) {
            throw new AssertionError("peer channel getinfo failed:\n" + info.output());
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Blocks 0 to height - 1, fetched from ORG's peer into FOLDER and read back. */
    static List<Block> fetchAll(FabricNetwork network, String org, Path folder)
            throws IOException, InterruptedException {
        FabricNetwork.Result fetched = network.bash(org, FETCH_ALL, folder.toString());
        Matcher matcher = HEIGHT.matcher(fetched.output());
        if (fetched.exitCode() != 0 || !matcher.find()) {
            throw new AssertionError(
                    "fetching the blocks failed (exit " + fetched.exitCode() + "):\n" + fetched.output());
        }
        long height = Long.parseLong(matcher.group(1));
        List<Block> blocks = new ArrayList<>();
        for (long number = 0; number < height; number++) {
            blocks.add(new Block(
                    number,
                    Files.readAllBytes(folder.resolve(number + ".block")),
                    Files.readString(folder.resolve(number + ".json"), UTF_8)));
        }
        return blocks;
    }
}
