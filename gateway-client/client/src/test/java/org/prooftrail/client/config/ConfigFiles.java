package org.prooftrail.client.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder with the crypto material a config names ({@link Crypto}) in which the config fuzz tests write each input,
 * under a file name that the input's first byte picks (JSON, YAML, or no extension, so the content decides how it is
 * read). The folder is made once per JVM: fuzzing runs millions of inputs.
 */
final class ConfigFiles {
    private static final String[] NAMES = {"fuzzed.json", "fuzzed.yaml", "fuzzed"};

    private final Path folder;
    private final Crypto crypto;

    private ConfigFiles() {
        try {
            this.folder = Files.createTempDirectory("prooftrail-config-fuzz");
            this.crypto = Crypto.in(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfigFiles create() {
        return new ConfigFiles();
    }

    Crypto crypto() {
        return crypto;
    }

    /** Writes all but the first byte to the file the first byte names. */
    Path write(byte[] input) {
        int kind = input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]) % NAMES.length;
        byte[] content = input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            return Files.write(folder.resolve(NAMES[kind]), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
