package org.prooftrail.client.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * {@link FileProof#parse} (what {@code prooftrail check-proof} reads) on arbitrary text: a proof, or an
 * {@link IllegalArgumentException} that says what is wrong; never another exception, and checking a parsed proof
 * against its root or any other root answers true or false. A parsed proof survives its own JSON form.
 */
class FileProofFuzzTest {
    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({
        "\"file\":{",
        "\"proof\":{",
        "\"leafIndex\":",
        "\"treeSize\":",
        "\"path\":[",
        "\"leafHash\":\"sha256:",
        "\"root\":\"sha256:",
        "\"digest\":\"sha256:",
        "\"chunkRoot\":\"sha256:",
        "\"size\":"
    })
    void parses_a_proof_or_refuses_with_an_illegal_argument(byte[] input) {
        FileProof proof;
        try {
            proof = FileProof.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("the refusal says why").isNotBlank();
            return;
        }
        boolean verified = proof.verify(proof.root());
        proof.verify(proof.leafHash()); // another root: an answer, not an exception
        FileProof again = FileProof.parse(proof.toJson());
        assertThat(again).isEqualTo(proof);
        assertThat(again.verify(again.root())).isEqualTo(verified);
    }
}
