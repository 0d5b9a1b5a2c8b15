package org.prooftrail.client.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link Manifest#parse} on arbitrary bytes: a manifest, or an {@link IllegalArgumentException} that says what is
 * wrong; never another exception. A manifest it accepts is consistent: its canonical bytes parse back to it, and every
 * file's inclusion proof verifies against its root and survives its own JSON form. The committed inputs (real
 * manifests and every finding) run as regression tests in every build; docs/fuzzing.md says how to fuzz.
 */
class ManifestFuzzTest {
    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({
        "\"formatVersion\":2",
        "\"algorithm\":\"sha256\"",
        "\"chunkSize\":8388608",
        "\"files\":[",
        "\"leaves\":",
        "\"root\":\"sha256:",
        "\"path\":\"",
        "\"size\":",
        "\"digest\":\"sha256:",
        "\"chunkRoot\":\"sha256:",
        "\"chunks\":"
    })
    void parses_a_consistent_manifest_or_refuses_with_an_illegal_argument(byte[] input) {
        Manifest manifest;
        try {
            manifest = Manifest.parse(input);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("the refusal says why").isNotBlank();
            return;
        }
        assertThat(Manifest.parse(manifest.bytes())).isEqualTo(manifest);
        for (FileEntry file : manifest.files()) {
            FileProof proof = manifest.prove(file.path());
            assertThat(proof.verify(manifest.root())).as(file.path()).isTrue();
            assertThat(FileProof.parse(proof.toJson())).isEqualTo(proof);
        }
    }
}
