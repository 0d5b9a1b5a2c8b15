package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command has a man page: the AsciiDoc that {@link ManPages} writes and the troff the build makes of it. */
class ManPagesTest {
    private static final List<CommandLine> COMMANDS = ManPages.commands(ProofTrailCli.commandLine());

    private static Set<String> pageNames() {
        return COMMANDS.stream().map(ManPages::pageName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> filesIn(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void the_tree_walked_holds_nested_and_hidden_commands() {
        assertThat(pageNames())
                .contains(
                        "prooftrail",
                        "prooftrail-fingerprint",
                        "prooftrail-consent-revoke-attestation",
                        "prooftrail-completion",
                        "prooftrail-identity",
                        "prooftrail-identity-issue")
                .hasSize(COMMANDS.size());
    }

    /** The README's command list: a line per command, {@code prooftrail show ID | history ID | list ...}. */
    @Test
    void the_readme_lists_every_visible_command() throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("## The command line\\s+```\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("the command list in README.md").isTrue();
        for (CommandLine command : ProofTrailCli.commandLine().getSubcommands().values()) {
            if (!command.getCommandSpec().usageMessage().hidden()
                    && !command.getCommandName().equals("help")) {
                assertThat(block.group(1))
                        .as(command.getCommandName())
                        .containsPattern(
                                "(?m)(^prooftrail |\\| )" + Pattern.quote(command.getCommandName()) + "(\\s|$)");
            }
        }
    }

    @Nested
    class The_generator {
        @TempDir
        Path dir;

        @Test
        void writes_exactly_one_page_per_command() throws IOException {
            ManPages.write(dir);

            assertThat(filesIn(dir, ".adoc")).isEqualTo(pageNames());
        }

        @Test
        void documents_every_option_and_subcommand_of_each_command() throws IOException {
            ManPages.write(dir);

            for (CommandLine command : COMMANDS) {
                String page = Files.readString(dir.resolve(ManPages.pageName(command) + ".adoc"));
                assertThat(page).as(ManPages.pageName(command)).contains("= " + ManPages.pageName(command) + "(1)");
                for (OptionSpec option : command.getCommandSpec().options()) {
                    if (!option.hidden()) {
                        assertThat(page).as(ManPages.pageName(command)).contains("*" + option.longestName() + "*");
                    }
                }
                for (String sub : command.getSubcommands().keySet()) {
                    if (!command.getSubcommands()
                            .get(sub)
                            .getCommandSpec()
                            .usageMessage()
                            .hidden()) {
                        assertThat(page).as(ManPages.pageName(command)).contains("*" + sub + "*");
                    }
                }
            }
        }

        @Test
        void removes_the_page_of_a_command_that_no_longer_exists() throws IOException {
            Files.writeString(dir.resolve("prooftrail-retired.adoc"), "= prooftrail-retired(1)\n");

            ManPages.write(dir);

            assertThat(dir.resolve("prooftrail-retired.adoc")).doesNotExist();
        }
    }

    /** What {@code mvn package} leaves for {@code man -l}: it ran before this test (process-test-classes). */
    @Nested
    class The_build {
        private final Path man = Path.of("target", "man");

        @Test
        void made_a_troff_man_page_for_every_command() throws IOException {
            assertThat(man)
                    .as("the build's man pages; run ./mvnw -pl gateway-client/cli -am verify")
                    .isDirectory();
            assertThat(filesIn(man, ".1")).containsAll(pageNames());
        }

        @Test
        void titled_each_page_with_its_command_in_section_1() throws IOException {
            for (String name : pageNames()) {
                String troff = Files.readString(man.resolve(name + ".1"), StandardCharsets.UTF_8);
                assertThat(troff)
                        .as(name)
                        .contains(".TH \"" + name.toUpperCase(Locale.ROOT).replace("-", "\\-") + "\" \"1\"")
                        .contains(".SH \"SYNOPSIS\"");
            }
        }
    }
}
