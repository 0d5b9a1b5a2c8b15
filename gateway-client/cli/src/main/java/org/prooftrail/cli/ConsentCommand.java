package org.prooftrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.prooftrail.cli.SubjectList.Subject;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ConsentCheck;
import org.prooftrail.client.ConsentInclusion;
import org.prooftrail.client.ConsentReceipt;
import org.prooftrail.client.ErasureReceipt;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "consent",
        description = "Data subjects' consent to the use of a dataset, kept in the owner organisation's private"
                + " collection. Subjects are read from a file or standard input (--subjects), never from the"
                + " command line, and pseudonymised here with the organisation's secret before anything is sent.",
        subcommands = {
            ConsentCommand.Grant.class,
            ConsentCommand.Revoke.class,
            ConsentCommand.Check.class,
            ConsentCommand.Attest.class,
            ConsentCommand.Attestation.class,
            ConsentCommand.RevokeAttestation.class,
            ConsentCommand.Prove.class,
            ConsentCommand.VerifyProof.class,
            ConsentCommand.Erase.class,
            ConsentCommand.Erasure.class
        })
final class ConsentCommand {

    /** The consent secret's place in the embedded ledger's home. */
    static final String EMBEDDED_SECRET = "identity/consent-secret";

    private ConsentCommand() {}

    /**
     * A command about listed subjects. A stray positional argument is refused without being echoed: it is most
     * likely an identifier, which must not reach shell history, let alone an error message.
     */
    abstract static class SubjectCommand extends LedgerCommand {
        @Option(
                names = "--subjects",
                required = true,
                paramLabel = "FILE",
                description = "the subjects' identifiers, one a line (blank lines and # comments ignored), or - for"
                        + " standard input")
        String subjectsSource;

        @Option(
                names = "--secret",
                paramLabel = "FILE",
                defaultValue = "${env:PROOFTRAIL_CONSENT_SECRET}",
                description = "the organisation's consent secret (default: $PROOFTRAIL_CONSENT_SECRET; on the"
                        + " embedded ledger <home>/" + EMBEDDED_SECRET + ", created on first use; required with a"
                        + " network)")
        Path secret;

        @Parameters(hidden = true)
        List<String> stray = new ArrayList<>();

        List<Subject> subjects;

        @Override
        void prepare() {
            if (!stray.isEmpty()) {
                throw new UsageException(spec.qualifiedName() + " takes no arguments: subject identifiers are read"
                        + " from --subjects FILE or --subjects - (standard input), never from the command line");
            }
            subjects = SubjectList.read(subjectsSource, System.in, pseudonyms());
        }

        private Pseudonyms pseudonyms() {
            if (secret != null) {
                return Pseudonyms.fromSecretFile(secret);
            }
            if (Ledgers.network(ledgerOptions)) {
                throw UsageException.failedPrecondition(
                        "a network needs the organisation's consent secret: --secret FILE or"
                                + " PROOFTRAIL_CONSENT_SECRET (always the same one, or the subjects' references change)");
            }
            return Pseudonyms.createOrLoad(ledgerOptions.home().resolve(EMBEDDED_SECRET));
        }

        /** One line for a subject: what happened, its reference (never its identifier) and where it was listed. */
        void line(String what, Subject subject, String detail) {
            if (!json()) {
                out().printf("%-13s %s  %s  (line %d)%n", what, subject.ref(), detail, subject.line());
                out().flush();
            }
        }

        /** The ledger's answer (JSON) with the subject's reference and its line in the list added. */
        static Map<String, Object> withSubject(String answer, Subject subject) {
            Map<String, Object> result = new TreeMap<>(Json.readObject(answer, "the ledger's answer"));
            result.put("subject", subject.ref().hex());
            result.put("line", subject.line());
            return result;
        }

        /**
         * Submits one transaction per listed subject, printing a line for each as it commits ({@code what} and the
         * answer's {@code detail}) or, with {@code --json}, the array of answers (their {@code json}) at the end.
         */
        <T> int forEachSubject(
                String what, Function<T, String> detail, Function<T, String> json, Function<Subject, T> action) {
            List<Object> results = new ArrayList<>();
            for (Subject subject : subjects) {
                T answer = action.apply(subject);
                results.add(withSubject(json.apply(answer), subject));
                line(what, subject, detail.apply(answer));
            }
            printResults(results);
            return ExitCode.OK;
        }

        /** With {@code --json}, the array of results (the text lines were printed as they came). */
        void printResults(List<Object> results) {
            if (json()) {
                out().println(Json.write(results));
                out().flush();
            }
        }
    }

    /** {@code --form FILE | --form-digest sha256:...}: the signed consent form the subjects agreed to. */
    static final class Form {
        @Option(names = "--form", paramLabel = "FILE", description = "the signed consent form, fingerprinted here")
        Path file;

        @Option(names = "--form-digest", paramLabel = "DIGEST", description = "the form's sha256: digest")
        String digest;
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "grant",
            description = "Record the listed subjects' consent to the purposes on a dataset that requires consent,"
                    + " until the expiry, with the digest of the signed form.")
    static final class Grant extends SubjectCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(
                names = "--purpose",
                required = true,
                paramLabel = "P",
                description = "a purpose consented to (repeatable): ${COMPLETION-CANDIDATES}")
        List<Purpose> purposes = new ArrayList<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Expiry expiry;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Form form;

        @Override
        int run(ProofTrail proofTrail) {
            Digest formDigest = formDigest();
            Instant until = expiry.instant();
            return forEachSubject(
                    "GRANTED",
                    ConsentReceipt::transactionId,
                    ConsentReceipt::json,
                    subject -> proofTrail.grantConsent(
                            subject.ref(), dataset, EnumSet.copyOf(purposes), until, formDigest));
        }

        private Digest formDigest() {
            if (form.file != null) {
                return Fingerprints.of(form.file, null, err()).digest();
            }
            if (!Digest.isWellFormed(form.digest)) {
                throw UsageException.invalid("--form-digest must be sha256: followed by 64 lowercase hex digits");
            }
            return Digest.parse("--form-digest", form.digest);
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "revoke",
            description = "Record that the listed subjects withdrew their consent to a dataset's use.")
    static final class Revoke extends SubjectCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        int run(ProofTrail proofTrail) {
            return forEachSubject(
                    "REVOKED",
                    ConsentReceipt::transactionId,
                    ConsentReceipt::json,
                    subject -> proofTrail.revokeConsent(subject.ref(), dataset, reason));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "check",
            description = "Check that every listed subject consents to the purpose on the dataset now. Exits 1 if"
                    + " any does not.")
    static final class Check extends SubjectCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        @Override
        int run(ProofTrail proofTrail) {
            List<Object> results = new ArrayList<>();
            boolean all = true;
            for (Subject subject : subjects) {
                ConsentCheck answer = proofTrail.checkConsent(subject.ref(), dataset, purpose);
                boolean consented = answer.consented();
                all &= consented;
                results.add(withSubject(answer.json(), subject));
                line(
                        consented ? "CONSENTED" : "NOT CONSENTED",
                        subject,
                        answer.status().name());
            }
            printResults(results);
            return all ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
        }
    }

    private static void printAttestation(LedgerCommand command, ConsentAttestation attestation) {
        command.print(attestation.json(), () -> Text.lines()
                .add("dataset", attestation.dataset())
                .add("purpose", attestation.purpose())
                .add("owner", attestation.owner())
                .add("status", attestation.status())
                .add("version", attestation.version())
                .add("count", attestation.count())
                .add("root", attestation.root())
                .add("validUntil", attestation.validUntil())
                .add("reason", attestation.reason())
                .add("staleReason", attestation.staleReason())
                .add("staleTxId", attestation.staleTxId())
                .add("staleAt", attestation.staleAt())
                .add("attestedBy", attestation.attestedBy())
                .add("attestedAt", attestation.attestedAt())
                .add("txId", attestation.transactionId())
                .print(command.out()));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "attest",
            description = "Publish the dataset's consent attestation for a purpose: how many subjects consent now"
                    + " and the Merkle root of their references, which other organisations can rely on.")
    static final class Attest extends LedgerCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        @Override
        int run(ProofTrail proofTrail) {
            printAttestation(this, proofTrail.attestConsent(dataset, purpose));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "attestation",
            description = "Show the dataset's current public consent attestation for a purpose.")
    static final class Attestation extends LedgerCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        @Override
        int run(ProofTrail proofTrail) {
            printAttestation(this, proofTrail.consentAttestation(dataset, purpose));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "revoke-attestation",
            description = "Revoke the dataset's public consent attestation for a purpose (the owner organisation"
                    + " only), for example when the consent forms it relied on turn out to be invalid. Prints the"
                    + " revoked attestation. Runs recorded on it keep the version they relied on.")
    static final class RevokeAttestation extends LedgerCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, kept on the ledger")
        String reason;

        @Override
        int run(ProofTrail proofTrail) {
            printAttestation(this, proofTrail.revokeConsentAttestation(dataset, purpose, reason));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "prove",
            description = "Print a proof (JSON) that one subject is counted in the dataset's current consent"
                    + " attestation, without revealing the others; anyone can check it with verify-proof.")
    static final class Prove extends SubjectCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        @Override
        void prepare() {
            super.prepare();
            if (subjects.size() != 1) {
                throw UsageException.invalid(
                        "consent prove proves one subject; " + subjectsSource + " lists " + subjects.size());
            }
        }

        @Override
        int run(ProofTrail proofTrail) {
            out().println(proofTrail
                    .proveConsent(subjects.get(0).ref(), dataset, purpose)
                    .json());
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "verify-proof",
            description = "Check a subject's inclusion proof (as consent prove printed it) against the dataset's"
                    + " current public attestation (consent:VerifyInclusion). Exits 1 if it is refused.")
    static final class VerifyProof extends LedgerCommand {
        @Parameters(paramLabel = "PROOF", description = "the proof file, or - for standard input")
        String proofFile;

        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--purpose", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}")
        Purpose purpose;

        private byte[] proofBytes;

        @Override
        void prepare() {
            try {
                proofBytes = proofFile.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(proofFile));
            } catch (IOException e) {
                throw UsageException.cannotRead(
                        "the proof " + (proofFile.equals("-") ? "from standard input" : proofFile), e);
            }
            Json.requireNesting(
                    new String(proofBytes, StandardCharsets.UTF_8),
                    "the proof " + (proofFile.equals("-") ? "from standard input" : proofFile));
        }

        @Override
        int run(ProofTrail proofTrail) {
            Map<String, Object> proof;
            try {
                proof = Json.readObject(new String(proofBytes, StandardCharsets.UTF_8), "the proof");
            } catch (IllegalArgumentException e) {
                return refused("the proof is not a JSON object");
            }
            Object leaf = proof.get("leafDigest");
            if (!(leaf instanceof String leafText) || !Digest.isWellFormed(leafText)) {
                return refused("the proof has no well-formed leafDigest");
            }
            if (!(proof.get("path") instanceof List<?>)
                    || proof.get("leafIndex") == null
                    || proof.get("treeSize") == null) {
                return refused("the proof lacks leafIndex, treeSize or path");
            }
            Map<String, Object> inclusion = new TreeMap<>();
            inclusion.put("leafIndex", proof.get("leafIndex"));
            inclusion.put("treeSize", proof.get("treeSize"));
            inclusion.put("path", proof.get("path"));
            ConsentInclusion answer = proofTrail.verifyConsentInclusion(
                    dataset, purpose, Digest.parse("leafDigest", leafText), Json.write(inclusion));
            boolean included = answer.included();
            print(answer.json(), () -> {
                if (included) {
                    out().println("INCLUDED in consent attestation v" + answer.version() + " of " + dataset + " for "
                            + purpose);
                } else {
                    out().println("REFUSED: " + answer.reason().orElse(null));
                }
            });
            return included ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
        }

        private int refused(String reason) {
            Map<String, Object> result = new TreeMap<>();
            result.put("dataset", dataset);
            result.put("purpose", purpose.name());
            result.put("included", false);
            result.put("reason", reason);
            print(Json.write(result), () -> out().println("REFUSED: " + reason));
            return ExitCode.MISMATCH_OR_REJECTED;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "erase",
            description = "Purge the listed subjects' consent records and publish an erasure receipt for each, which"
                    + " still proves the record had existed. Prints the receipts' ids (see lineage ID --downstream).")
    static final class Erase extends SubjectCommand {
        @Option(names = "--dataset", required = true, paramLabel = "ID")
        String dataset;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        int run(ProofTrail proofTrail) {
            return forEachSubject(
                    "ERASED",
                    ErasureReceipt::id,
                    ErasureReceipt::json,
                    subject -> proofTrail.eraseConsent(subject.ref(), dataset, reason));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "erasure",
            description = "Show an erasure receipt, by the id consent erase printed (erasure:DATASET:TXID): the"
                    + " dataset, the hashes Fabric kept of the purged record's key and value, the attestation versions"
                    + " that may have counted the subject, who erased it, when and why. Anyone may read it.")
    static final class Erasure extends LedgerCommand {
        @Parameters(paramLabel = "RECEIPT_ID", description = "the receipt's id, erasure:DATASET:TXID")
        String id;

        @Override
        int run(ProofTrail proofTrail) {
            ErasureReceipt receipt = proofTrail.erasure(id);
            print(receipt.json(), () -> Text.lines()
                    .add("id", receipt.id())
                    .add("dataset", receipt.dataset())
                    .add("collection", receipt.collection())
                    .add("keyHash", receipt.keyHash())
                    .add("valueHash", receipt.valueHash())
                    .add("attestations", receipt.attestations())
                    .add("reason", receipt.reason())
                    .add("erasedBy", receipt.erasedBy())
                    .add("erasedByOrg", receipt.erasedByOrg())
                    .add("erasedAt", receipt.erasedAt())
                    .add("txId", receipt.transactionId())
                    .print(out()));
            return ExitCode.OK;
        }
    }
}
