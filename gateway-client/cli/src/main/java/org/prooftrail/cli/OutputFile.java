package org.prooftrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a command's document to {@code --out FILE} (whole or not at all) or, without one, to standard output. */
final class OutputFile {
    private OutputFile() {}

    static void write(Path file, String text, PrintWriter out, String what) {
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        Path absolute = file.toAbsolutePath();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw UsageException.cannotWrite(what + " " + file, e);
        }
    }
}
