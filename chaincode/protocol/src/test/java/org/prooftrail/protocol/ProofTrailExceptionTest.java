package org.prooftrail.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProofTrailExceptionTest {
    @Nested
    class Wire_form {
        @Test
        void is_the_code_a_colon_and_the_detail() {
            ProofTrailException e = ProofTrailException.notFound("artifact chest-xray-v3 does not exist");
            assertThat(e.wireMessage()).isEqualTo("NOT_FOUND: artifact chest-xray-v3 does not exist");
            assertThat(e.getMessage()).isEqualTo(e.wireMessage());
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.detail()).isEqualTo("artifact chest-xray-v3 does not exist");
        }

        @Test
        void each_factory_uses_its_own_code() {
            assertThat(ProofTrailException.invalid("x").code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(ProofTrailException.notFound("x").code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(ProofTrailException.alreadyExists("x").code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(ProofTrailException.permissionDenied("x").code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(ProofTrailException.failedPrecondition("x").code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
        }

        @Test
        void rejects_a_null_code_or_detail_by_name() {
            assertThatThrownBy(() -> new ProofTrailException(null, "x"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("code");
            assertThatThrownBy(() -> new ProofTrailException(ErrorCode.NOT_FOUND, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("detail");
        }
    }

    @Nested
    class Parsing {
        @ParameterizedTest
        @EnumSource(ErrorCode.class)
        void reads_back_every_code_from_its_wire_message(ErrorCode code) {
            ProofTrailException sent = new ProofTrailException(code, "something: went wrong");
            assertThat(ProofTrailException.parse(sent.wireMessage())).hasValueSatisfying(parsed -> {
                assertThat(parsed.code()).isEqualTo(code);
                assertThat(parsed.detail()).isEqualTo("something: went wrong");
            });
        }

        @Test
        void finds_the_code_in_the_gateways_wrapped_form() {
            Optional<ProofTrailException> parsed = ProofTrailException.parse(
                    "chaincode response 500, NOT_FOUND: artifact chest-xray-v3 does not exist");
            assertThat(parsed).hasValueSatisfying(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                assertThat(e.detail()).isEqualTo("artifact chest-xray-v3 does not exist");
            });
        }

        @Test
        void finds_the_code_after_a_colon_separator_or_on_a_new_line() {
            assertThat(ProofTrailException.parse("endorsement failed: ALREADY_EXISTS: artifact x is registered"))
                    .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            assertThat(ProofTrailException.parse("details:\nPERMISSION_DENIED: only HospitalAMSP may"))
                    .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        }

        @Test
        void takes_the_first_code_in_the_message_when_the_detail_quotes_another() {
            String message = "chaincode response 500, NOT_FOUND: parent p1 of x: INVALID_ARGUMENT: was rejected";
            assertThat(ProofTrailException.parse(message)).hasValueSatisfying(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                assertThat(e.detail()).isEqualTo("parent p1 of x: INVALID_ARGUMENT: was rejected");
            });
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "Unexpected error",
                    "chaincode response 500, something broke",
                    "NOT_FOUND artifact x",
                    "not_found: artifact x",
                    "XNOT_FOUND: artifact x",
                    "artifact MY_NOT_FOUND: x",
                })
        void finds_nothing_in_a_message_without_a_code(String message) {
            assertThat(ProofTrailException.parse(message)).isEmpty();
        }
    }
}
