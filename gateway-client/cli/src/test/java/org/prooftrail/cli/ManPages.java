package org.prooftrail.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man page sources of every command, written by picocli's {@link ManPageGenerator} from the command tree that
 * parses the command line: one AsciiDoc file per command, {@code prooftrail-consent-grant.adoc} for {@code
 * prooftrail consent grant}. The build runs {@link #main} before the tests and converts the pages to troff in {@code
 * target/man}; {@link ManPagesTest} checks both. A test source so that picocli-codegen stays out of the command
 * line's jar. Public only because exec-maven-plugin runs it.
 */
public final class ManPages {
    private ManPages() {}

    /** {@code ManPages DIR}: writes the pages into DIR, replacing the pages a previous build left there. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages DIR");
        }
        write(Path.of(args[0]));
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, "*.adoc")) {
            for (Path page : stale) {
                Files.delete(page);
            }
        }
        CommandLine root = ProofTrailCli.commandLine();
        // The generator documents a command's subcommands but leaves hidden ones out (they are hidden from the
        // help, not secret): name each hidden command too, so that an administrator's tool has its page.
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(root.getCommandSpec());
        for (CommandLine command : commands(root)) {
            if (command.getCommandSpec().usageMessage().hidden()) {
                specs.add(command.getCommandSpec());
            }
        }
        int exit = ManPageGenerator.generateManPage(
                dir.toFile(), null, new boolean[0], false, specs.toArray(CommandSpec[]::new));
        if (exit != 0) {
            throw new IOException("picocli's man page generator failed with exit code " + exit);
        }
    }

    /** Every command of the tree under {@code root}, root included, hidden ones too, each once (not per alias). */
    static List<CommandLine> commands(CommandLine root) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        List<CommandLine> all = new ArrayList<>();
        walk(root, seen, all);
        return all;
    }

    private static void walk(CommandLine command, Map<CommandLine, Boolean> seen, List<CommandLine> all) {
        if (seen.put(command, Boolean.TRUE) != null) {
            return;
        }
        all.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            walk(sub, seen, all);
        }
    }

    /** The page's name: {@code prooftrail-consent-grant}. */
    static String pageName(CommandLine command) {
        return command.getCommandSpec().qualifiedName("-");
    }
}
