package org.prooftrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Transaction;

class ProofTrailTest {
    private static final Digest DIGEST = Digest.sha256("weights".getBytes(StandardCharsets.UTF_8));

    /** Records what the facade sends and answers with a fixed result. */
    private static final class RecordingTransport implements LedgerTransport {
        final List<String> calls = new ArrayList<>();
        String answer = "{}";

        @Override
        public SubmitResult submit(Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
            calls.add("submit " + transaction.qualifiedName() + " " + arguments);
            return new SubmitResult("tx1", 1, answer.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
            calls.add("evaluate " + transaction.qualifiedName() + " " + arguments);
            if (answer.startsWith("NOT_FOUND")) {
                throw new ContractRejectedException(ErrorCode.NOT_FOUND, answer.substring(11), null, null);
            }
            return answer.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
            return () -> {};
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {}
    }

    private final RecordingTransport transport = new RecordingTransport();
    private final ProofTrail proofTrail = ProofTrail.over(transport);

    @Nested
    class Register {
        @Test
        void sends_one_json_document_with_sorted_keys_and_only_the_fields_given() {
            transport.answer = "{\"id\":\"m\",\"kind\":\"MODEL\",\"digest\":\"" + DIGEST + "\",\"status\":\"ACTIVE\","
                    + "\"owner\":\"ResearchMSP\",\"registeredBy\":\"x509::CN=lab\","
                    + "\"registeredAt\":\"2026-01-01T00:00:00Z\",\"txId\":\"tx1\"}";

            ArtifactRecord record = proofTrail.register(Registration.builder("m", ArtifactKind.MODEL, DIGEST)
                    .parent("data")
                    .metadata("framework", "pytorch")
                    .size(42)
                    .build());

            assertThat(transport.calls)
                    .containsExactly("submit artifact:Register [{\"digest\":\"" + DIGEST + "\",\"id\":\"m\","
                            + "\"kind\":\"MODEL\",\"metadata\":{\"framework\":\"pytorch\"},\"parents\":[\"data\"],"
                            + "\"size\":42}]");
            assertThat(record.owner()).isEqualTo("ResearchMSP");
            assertThat(record.status()).isEqualTo(ArtifactStatus.ACTIVE);
            assertThat(record.digest()).isEqualTo(DIGEST);
        }

        @Test
        void rejects_a_missing_id_by_name() {
            assertThatThrownBy(() -> Registration.builder(null, ArtifactKind.MODEL, DIGEST))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("id");
        }
    }

    @Nested
    class Queries {
        @Test
        void verify_reads_the_match_and_both_digests() {
            transport.answer = "{\"id\":\"m\",\"match\":false,\"expected\":\"" + DIGEST + "\",\"actual\":\""
                    + Digest.sha256(new byte[0]) + "\",\"status\":\"REVOKED\"}";

            VerificationOutcome outcome = proofTrail.verify("m", DIGEST);

            assertThat(outcome.matches()).isFalse();
            assertThat(outcome.status()).isEqualTo(ArtifactStatus.REVOKED);
            assertThat(transport.calls).containsExactly("evaluate artifact:Verify [m, " + DIGEST + "]");
        }

        @Test
        void a_rejection_reaches_the_caller_with_its_code() {
            transport.answer = "NOT_FOUND: artifact m does not exist";

            assertThatThrownBy(() -> proofTrail.get("m"))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.NOT_FOUND))
                    .hasMessage("NOT_FOUND: artifact m does not exist");
        }

        @Test
        void list_sends_only_the_filters_given() {
            transport.answer = "{\"items\":[],\"bookmark\":\"\",\"count\":0}";

            proofTrail.list(ArtifactKind.DATASET, null, 20, "");

            assertThat(transport.calls)
                    .containsExactly("evaluate artifact:List [{\"kind\":\"DATASET\",\"pageSize\":20}]");
        }
    }
}
