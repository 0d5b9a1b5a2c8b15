package org.prooftrail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.SubjectRef;

/**
 * Data subjects named in a file or on standard input, one identifier a line, turned into their references as they
 * are read: the identifiers themselves are kept nowhere, printed nowhere, and never sent. Each subject keeps the
 * number of its line so that a person can find it in their own file again.
 */
final class SubjectList {
    /** A subject: its reference and the line of the file that named it. */
    record Subject(int line, SubjectRef ref) {}

    private SubjectList() {}

    /** Reads {@code source} (a path, or {@code -} for {@code stdin}); blank lines and {@code #} comments skipped. */
    static List<Subject> read(String source, InputStream stdin, Pseudonyms pseudonyms) {
        String text;
        try {
            text = source.equals("-")
                    ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UsageException.cannotRead("the subjects from " + (source.equals("-") ? "standard input" : source), e);
        }
        Map<SubjectRef, Subject> subjects = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            SubjectRef ref = pseudonyms.of(line);
            subjects.putIfAbsent(ref, new Subject(i + 1, ref));
        }
        if (subjects.isEmpty()) {
            throw UsageException.invalid(
                    "no subject identifiers in " + (source.equals("-") ? "standard input" : source));
        }
        return new ArrayList<>(subjects.values());
    }
}
