package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code prooftrail completion bash|zsh}: a script that completes every command the command line has. */
class CompletionCommandTest {
    private static final Pattern FUNCTION =
            Pattern.compile("(?m)^function (_picocli_[A-Za-z0-9_]+)\\(\\) \\{\\n(.*?)^\\}", Pattern.DOTALL);
    private static final Pattern LIST = Pattern.compile("local (commands|flag_opts|arg_opts)=\"([^\"]*)\"");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        CommandLine commandLine = ProofTrailCli.commandLineFor(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The completion function picocli writes for a command: {@code _picocli_prooftrail_consent_revokeattestation}. */
    private static String functionName(CommandLine command) {
        return "_picocli_" + command.getCommandSpec().qualifiedName("_").replace("-", "");
    }

    /** Each function of the script, by name, to the words it offers (subcommands and options). */
    private static Map<String, List<String>> offers(String script) {
        Map<String, List<String>> offers = new HashMap<>();
        Matcher function = FUNCTION.matcher(script);
        while (function.find()) {
            StringBuilder words = new StringBuilder();
            Matcher list = LIST.matcher(function.group(2));
            while (list.find()) {
                words.append(' ').append(list.group(2).replace("'", ""));
            }
            offers.put(
                    function.group(1),
                    Arrays.stream(words.toString().trim().split("\\s+")).toList());
        }
        return offers;
    }

    /** {@code bash -n}: the exit code and what bash said, or -1 when there is no bash. */
    private String bashSyntaxCheck(String script) throws IOException, InterruptedException {
        Path file = Files.writeString(tmp.resolve("prooftrail.bash"), script, StandardCharsets.UTF_8);
        Process bash;
        try {
            bash = new ProcessBuilder("bash", "-n", file.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noBash) {
            return null;
        }
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return bash.exitValue() + new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Nested
    class For_bash {
        private final Run run = cli("completion", "bash");

        @Test
        void prints_the_script_and_nothing_else() {
            assertThat(run.exit()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out())
                    .startsWith("#!/usr/bin/env bash")
                    .contains("complete -F _complete_prooftrail -o default prooftrail ")
                    .contains("complete -F _complete_prooftrail -o default ./prooftrail\n");
        }

        @Test
        void is_a_script_bash_accepts() throws Exception {
            String checked = bashSyntaxCheck(run.out());
            assumeThat(checked).as("bash is not installed").isNotNull();

            assertThat(checked).isEqualTo("0");
        }

        @Test
        void offers_every_visible_command_after_its_parent_and_every_option_of_each() {
            Map<String, List<String>> offers = offers(run.out());
            int checked = 0;
            for (CommandLine command : ManPages.commands(ProofTrailCli.commandLine())) {
                if (hidden(command)) {
                    continue;
                }
                String function = functionName(command);
                assertThat(offers).as(function).containsKey(function);
                for (OptionSpec option : command.getCommandSpec().options()) {
                    if (!option.hidden()) {
                        assertThat(offers.get(function)).as(function).contains(option.names());
                    }
                }
                if (command.getParent() != null) {
                    assertThat(offers.get(functionName(command.getParent())))
                            .as(functionName(command.getParent()))
                            .contains(command.getCommandName());
                }
                checked++;
            }
            assertThat(checked).isGreaterThan(40);
            assertThat(offers.get("_picocli_prooftrail")).contains("completion", "consent", "ledger", "help");
        }

        @Test
        void leaves_out_what_the_help_hides() {
            assertThat(offers(run.out()).get("_picocli_prooftrail")).doesNotContain("identity");
            assertThat(run.out()).doesNotContain("_picocli_prooftrail_identity");
        }

        @Test
        void is_the_same_when_the_command_line_was_built_for_completion_alone() {
            CommandLine alone = ProofTrailCli.commandLineFor(new String[] {"completion", "bash"});

            assertThat(alone.getSubcommands()).containsOnlyKeys("completion");
            assertThat(run.out()).isEqualTo(CompletionCommand.script(CompletionCommand.Shell.bash));
        }

        private static boolean hidden(CommandLine command) {
            for (CommandLine c = command; c != null; c = c.getParent()) {
                if (c.getCommandSpec().usageMessage().hidden()) {
                    return true;
                }
            }
            return false;
        }
    }

    @Nested
    class For_zsh {
        private final Run run = cli("completion", "zsh");

        @Test
        void loads_bashcompinit_then_the_bash_script() {
            assertThat(run.exit()).isZero();
            assertThat(run.err()).isEmpty();
            String bash = cli("completion", "bash").out();
            assertThat(run.out())
                    .contains("autoload -U +X bashcompinit && bashcompinit\n")
                    .endsWith(bash);
            assertThat(run.out().indexOf("bashcompinit")).isLessThan(run.out().indexOf(bash));
        }

        @Test
        void is_a_script_bash_accepts_too() throws Exception {
            String checked = bashSyntaxCheck(run.out());
            assumeThat(checked).as("bash is not installed").isNotNull();

            assertThat(checked).isEqualTo("0");
        }
    }

    @Nested
    class For_another_shell {
        @Test
        void fails_with_one_usage_line_and_prints_no_script() {
            Run run = cli("completion", "fish");

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .startsWith("error: USAGE: ")
                    .contains("expected one of [bash, zsh]", "'fish'", "see prooftrail completion --help")
                    .hasLineCount(1);
        }

        @Test
        void fails_the_same_way_without_a_shell() {
            Run run = cli("completion");

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .startsWith("error: USAGE: Missing required parameter: 'SHELL'")
                    .hasLineCount(1);
        }
    }
}
