package org.prooftrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {
    @TempDir
    Path dir;

    private Pseudonyms pseudonyms() throws IOException {
        Path secret = Files.write(dir.resolve("secret"), new byte[32]);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return Pseudonyms.fromSecretFile(secret);
    }

    @Nested
    class Normalisation {
        @Test
        void maps_one_subject_written_with_other_case_spacing_or_unicode_form_to_one_reference() throws IOException {
            Pseudonyms pseudonyms = pseudonyms();
            SubjectRef plain = pseudonyms.of("patient-1");

            assertThat(pseudonyms.of("Patient-1 ")).isEqualTo(plain);
            assertThat(pseudonyms.of("\tPATIENT-1\n")).isEqualTo(plain);
            assertThat(pseudonyms.of("\uFF30\uFF21\uFF34\uFF29\uFF25\uFF2E\uFF34-\uFF11"))
                    .isEqualTo(plain);
            assertThat(pseudonyms.of("\u00A0patient-1\u2003")).isEqualTo(plain);
            assertThat(pseudonyms.of("patient-2")).isNotEqualTo(plain);
        }

        @Test
        void collapses_inner_whitespace_and_composes_accents() {
            assertThat(Pseudonyms.normalise("  Jane \t\u00A0 Doe ")).isEqualTo("jane doe");
            assertThat(Pseudonyms.normalise("Jose\u0301")).isEqualTo("jos\u00E9");
            assertThat(Pseudonyms.normalise("JOS\u00C9")).isEqualTo("jos\u00E9");
            assertThat(Pseudonyms.normalise("\uFB01le-7")).isEqualTo("file-7");
        }

        @Test
        void ignores_the_jvm_locale() {
            Locale before = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                assertThat(Pseudonyms.normalise("PATIENT-I")).isEqualTo("patient-i");
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        void refuses_an_identifier_that_is_only_whitespace() throws IOException {
            Pseudonyms pseudonyms = pseudonyms();
            assertThatThrownBy(() -> pseudonyms.of(" \u00A0\t"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a subject identifier is empty");
        }
    }

    @Nested
    class Secret_file {
        @Test
        void is_refused_when_its_group_or_others_may_read_it() throws IOException {
            Path secret = Files.write(dir.resolve("open-secret"), new byte[32]);
            for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-"}) {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString(mode));
                assertThatThrownBy(() -> Pseudonyms.fromSecretFile(secret))
                        .as(mode)
                        .isInstanceOf(ConfigException.class)
                        .hasMessage("consent secret " + secret + " is accessible by its group or others (" + mode
                                + "); it must be its owner's only: chmod 600 " + secret);
            }
        }

        @Test
        void is_read_when_it_is_its_owners_only() throws IOException {
            Path secret = Files.write(dir.resolve("closed-secret"), new byte[32]);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--------"));

            assertThat(Pseudonyms.fromSecretFile(secret).of("x")).isNotNull();
        }

        @Test
        void is_created_owner_only_and_then_accepted() {
            Path secret = dir.resolve("home").resolve("consent-secret");

            Pseudonyms.createOrLoad(secret);

            assertThat(Pseudonyms.createOrLoad(secret).of("x"))
                    .isEqualTo(Pseudonyms.createOrLoad(secret).of("X"));
        }
    }
}
