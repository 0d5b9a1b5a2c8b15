package org.prooftrail.chaincode.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.MerkleRef;

/**
 * The codec builds a value's tree with a {@link TreeWriter} instead of writing its JSON text and reading it back: the
 * tree must be the one the text gives, for every record the chaincode stores, and the text path must take over for
 * whatever that writer cannot reproduce.
 */
class TreeWriterTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.prooftrail.chaincode.ledger.PreviousReleaseRecordsTest#everyRecordOfRelease010")
    void every_kind_of_record_gives_the_tree_its_json_text_gives(String name, String stored, Class<?> type) {
        final Object record = LedgerCodec.decode(stored.getBytes(UTF_8), type);

        assertThat(LedgerCodec.treeWithoutText(record)).isEqualTo(LedgerCodec.textTree(record));
    }

    @Test
    void names_and_strings_json_escapes_give_the_same_tree() {
        final Map<String, String> metadata = new TreeMap<>();
        metadata.put("quote\"d", "back\\slash");
        metadata.put("tab\tand\nnewline", "\u0001control\u001f");
        metadata.put("unicode \u00e9\u4e2d\ud83d\ude00", "</script>");
        final Artifact artifact = new Artifact(
                "id",
                "DATASET",
                "sha256:" + "ab".repeat(32),
                0L,
                null,
                new MerkleRef("sha256:" + "cd".repeat(32), 7),
                List.of("a", "b\"c"),
                metadata,
                "Org1MSP",
                "x509::CN=a::CN=ca",
                "2026-01-01T00:00:00Z",
                "tx",
                null,
                null);

        assertThat(LedgerCodec.treeWithoutText(artifact)).isEqualTo(LedgerCodec.textTree(artifact));
        assertThat(LedgerCodec.encode(artifact)).isEqualTo(textEncoded(artifact));
    }

    @Test
    void random_maps_and_lists_give_the_tree_their_json_text_gives() {
        final Random random = new Random(20261130);
        int withoutText = 0;
        for (int i = 0; i < 3000; i++) {
            final Object value = randomValue(random, 0);
            final Object expected = LedgerCodec.textTree(value);
            assertThat(LedgerCodec.tree(value)).as("value %s", value).isEqualTo(expected);
            assertThat(LedgerCodec.encode(value)).as("value %s", value).isEqualTo(textEncoded(value));
            if (value == null) {
                continue;
            }
            try {
                assertThat(LedgerCodec.treeWithoutText(value)).isEqualTo(expected);
                withoutText++;
            } catch (RuntimeException e) {
                assertThat(e)
                        .as("only fractions take the text path")
                        .hasRootCauseInstanceOf(TreeWriter.Unsupported.class);
            }
        }
        assertThat(withoutText).as("values built without their text").isGreaterThan(1000);
    }

    @Test
    void a_fraction_takes_the_text_path() {
        final Map<String, Object> value = Map.of("ratio", 0.1, "count", 3);

        assertThatThrownBy(() -> LedgerCodec.treeWithoutText(value))
                .hasRootCauseInstanceOf(TreeWriter.Unsupported.class);
        assertThat(LedgerCodec.tree(value)).isEqualTo(LedgerCodec.textTree(value));
    }

    /** What {@link LedgerCodec#encode} wrote before it built trees without the text. */
    private static byte[] textEncoded(Object value) {
        return new com.owlike.genson.GensonBuilder()
                .setSkipNull(true)
                .create()
                .serialize(sorted(LedgerCodec.textTree(value)))
                .getBytes(UTF_8);
    }

    private static Object sorted(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            final Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
            return copy;
        }
        if (tree instanceof List<?> list) {
            final List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return tree;
    }

    private static Object randomValue(Random random, int depth) {
        final int kind = random.nextInt(depth >= 4 ? 6 : 8);
        switch (kind) {
            case 0:
                return randomString(random);
            case 1:
                return random.nextLong();
            case 2:
                return random.nextInt(1000);
            case 3:
                return random.nextBoolean();
            case 4:
                return random.nextInt(20) == 0 ? null : randomString(random);
            case 5:
                return random.nextInt(15) == 0 ? random.nextDouble() : (short) random.nextInt(100);
            case 6:
                final Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                return map;
            default:
                final List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
        }
    }

    private static String randomString(Random random) {
        final String alphabet = "ab\"\\/\n\t\u0001\u00e9\u4e2d\ud83d\ude00 <>&'";
        final StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            final int at = random.nextInt(alphabet.length());
            text.append(alphabet.charAt(at));
        }
        return text.toString();
    }
}
