package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.plain;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.transientOf;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.withRoleAttribute;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/**
 * Every contract function, called through {@link org.prooftrail.chaincode.ContractRoutes} (the router the chaincode
 * server and the embedded ledger run) over the simulator, with arbitrary arguments and transient maps, by any of a
 * set of callers, in sequences of up to {@value #MAX_TRANSACTIONS} transactions on a small ledger. Each transaction
 * either succeeds (and commits, so later ones see it) or is refused with a coded message ({@code CODE: detail}, one of
 * the five codes, never {@code INTERNAL} or the shim's "Unexpected error") and writes nothing; and the same sequence on
 * a second ledger gives byte-identical write sets, payloads and messages, as every endorsing peer must.
 *
 * <p>An input is UTF-8 text, one transaction after another, each ended by a line {@code ---}:
 *
 * <pre>
 * curator-a artifact:Register
 * {"id":"new","kind":"DATASET","digest":"sha256:…"}
 * ~evaluate=
 * ---
 * </pre>
 *
 * The first line names the caller ({@link #CALLERS}; another name is {@code curator-a}) and, after the first space, the
 * function; every further line is one argument, except a line starting with {@code ~}, which is a transient entry
 * {@code key=value}. An argument cannot hold a line feed (JSON writes it {@code \n}). The ledger holds hospital-a's
 * datasets {@code xrays} (requiring consent), {@code shards} (a Merkle root of 4 leaves) and the revoked {@code tainted}, research's
 * {@code train.py}, {@code hparams} and {@code model-v1}, a TRAINING grant of {@code xrays} to research, and one
 * subject's consent to TRAINING on {@code xrays}, attested.
 */
class ContractFuzzTest {
    static final int MAX_TRANSACTIONS = 6;
    private static final int MAX_LINES = 12;
    private static final Pattern CODED = Pattern.compile(
            "(INVALID_ARGUMENT|NOT_FOUND|ALREADY_EXISTS|PERMISSION_DENIED|FAILED_PRECONDITION): \\S.*", Pattern.DOTALL);
    static final String SUBJECT = "5f".repeat(32);

    static final Map<String, Identity> CALLERS = new LinkedHashMap<>();

    /**
     * The shim logs every refused transaction with its stack trace, which at thousands of inputs a second is most of
     * the work and buries the fuzzer's own output; a defect is still logged by prooftrail's Invocation.
     */
    private static final Logger SHIM_LOG = Logger.getLogger("org.hyperledger");

    static {
        SHIM_LOG.setLevel(Level.OFF);
        CALLERS.put("curator-a", user(HOSPITAL_A, Role.CURATOR));
        CALLERS.put("curator-b", user(HOSPITAL_B, Role.CURATOR));
        CALLERS.put("trainer", user(RESEARCH, Role.TRAINER));
        CALLERS.put("deployer", user(RESEARCH, Role.DEPLOYER));
        CALLERS.put("auditor", user(HOSPITAL_B, Role.AUDITOR));
        CALLERS.put("steward-a", user(HOSPITAL_A, Role.STEWARD));
        CALLERS.put("steward-b", user(HOSPITAL_B, Role.STEWARD));
        CALLERS.put("admin-a", user(HOSPITAL_A, Role.ADMIN));
        CALLERS.put("peer-admin-b", plain(HOSPITAL_B, "admin"));
        CALLERS.put("no-role", plain(HOSPITAL_A, "client"));
        CALLERS.put("superuser", withRoleAttribute(RESEARCH, "superuser"));
    }

    /** One transaction of an input. */
    record Call(Identity caller, String function, List<String> args, Map<String, byte[]> transientMap) {}

    /** What one transaction produced, as bytes. */
    private record Outcome(boolean ok, String message, String payload, byte[] writeSet) {}

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({
        "artifact:Register",
        "artifact:Get",
        "artifact:Verify",
        "artifact:RecordVerification",
        "artifact:SetStatus",
        "artifact:History",
        "artifact:Verifications",
        "artifact:List",
        "artifact:VerifyInclusion",
        "lineage:RecordRun",
        "lineage:GetRun",
        "lineage:RecordDeployment",
        "lineage:GetDeployment",
        "lineage:RetireDeployment",
        "lineage:Upstream",
        "lineage:Downstream",
        "lineage:Compliance",
        "lineage:ComplianceScan",
        "consent:Grant",
        "consent:Revoke",
        "consent:Check",
        "consent:Subjects",
        "consent:Attest",
        "consent:RevokeAttestation",
        "consent:GetAttestation",
        "consent:Prove",
        "consent:VerifyInclusion",
        "consent:Erase",
        "consent:GetErasure",
        "access:Grant",
        "access:Revoke",
        "access:Log",
        "access:Grants",
        "access:Logs",
        "maintenance:Upgrade",
        "maintenance:UpgradeDeployment",
        "maintenance:Version",
        "org.hyperledger.fabric:GetMetadata",
        "curator-a ",
        "trainer ",
        "deployer ",
        "steward-a ",
        "auditor ",
        "---",
        "~consent=",
        "~subjects=",
        "~subject=",
        "~evaluate=",
        "\"id\":",
        "\"kind\":\"DATASET\"",
        "\"kind\":\"MODEL\"",
        "\"digest\":\"sha256:",
        "\"parents\":[",
        "\"merkle\":{\"root\":",
        "\"leaves\":",
        "\"metadata\":{",
        "\"inputs\":[",
        "\"outputs\":[",
        "\"model\":",
        "\"environment\":",
        "\"artifact\":",
        "\"grantee\":",
        "\"purposes\":[",
        "\"purpose\":",
        "\"expiresAt\":",
        "\"pageSize\":",
        "\"bookmark\":",
        "\"leafIndex\":",
        "\"treeSize\":",
        "\"path\":[",
        "\"subject\":",
        "\"dataset\":",
        "\"formDigest\":",
        "TRAINING",
        "REVOKED",
        "DEPRECATED",
        "xrays",
        "shards",
        "model-v1",
        "ResearchMSP",
        "HospitalAMSP",
        "2027-01-01T00:00:00Z"
    })
    void succeeds_or_is_refused_with_a_code_and_nothing_written_the_same_way_twice(byte[] input) {
        List<Call> calls = parse(new String(input, StandardCharsets.UTF_8));
        List<Outcome> first = run(calls);
        List<Outcome> second = run(calls);
        for (int i = 0; i < first.size(); i++) {
            String what = "transaction " + (i + 1) + " " + calls.get(i).function();
            assertThat(second.get(i).ok()).as(what).isEqualTo(first.get(i).ok());
            assertThat(second.get(i).message()).as(what).isEqualTo(first.get(i).message());
            assertThat(second.get(i).payload()).as(what).isEqualTo(first.get(i).payload());
            assertThat(second.get(i).writeSet())
                    .as("write set of " + what)
                    .isEqualTo(first.get(i).writeSet());
        }
    }

    private static List<Outcome> run(List<Call> calls) {
        ChaincodeHarness ledger = Base.LEDGER.copy();
        List<Outcome> outcomes = new ArrayList<>();
        for (Call call : calls) {
            Result result = ledger.submit(
                    call.caller(),
                    call.transientMap(),
                    call.function(),
                    call.args().toArray(String[]::new));
            String what =
                    call.function() + " " + call.args() + " by " + call.caller().mspId();
            if (!result.ok()) {
                assertThat(result.message()).as(what).matches(CODED);
                assertThat(result.writeSet().isEmpty())
                        .as("write set of refused " + what)
                        .isTrue();
            }
            outcomes.add(new Outcome(
                    result.ok(),
                    result.message(),
                    result.payload(),
                    result.writeSet().toBytes()));
        }
        return outcomes;
    }

    /** The transactions of an input (see the class comment). */
    static List<Call> parse(String text) {
        List<Call> calls = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int line = 0;
        while (line < lines.length && calls.size() < MAX_TRANSACTIONS) {
            if (line == lines.length - 1 && lines[line].isEmpty()) {
                break; // the line feed that ends the last transaction
            }
            String header = lines[line++];
            int space = header.indexOf(' ');
            Identity caller =
                    CALLERS.getOrDefault(space < 0 ? "" : header.substring(0, space), CALLERS.get("curator-a"));
            String function = header.substring(space + 1);
            List<String> args = new ArrayList<>();
            Map<String, byte[]> transientMap = new LinkedHashMap<>();
            for (int read = 0; line < lines.length && !"---".equals(lines[line]); line++, read++) {
                if (read >= MAX_LINES) {
                    continue;
                }
                String value = lines[line];
                if (value.startsWith("~")) {
                    int equals = value.indexOf('=');
                    String key = equals < 0 ? value.substring(1) : value.substring(1, equals);
                    String entry = equals < 0 ? "" : value.substring(equals + 1);
                    transientMap.put(key, entry.getBytes(StandardCharsets.UTF_8));
                } else {
                    args.add(value);
                }
            }
            line++;
            calls.add(new Call(caller, function, args, transientMap));
        }
        return calls;
    }

    /** The small ledger every input starts from, set up once. */
    private static final class Base {
        static final ChaincodeHarness LEDGER = ledger();
    }

    /** The small ledger every input starts from, routed as the chaincode server routes. */
    private static ChaincodeHarness ledger() {
        ChaincodeHarness ledger = ChaincodeHarness.overContractRoutes();
        Identity curator = CALLERS.get("curator-a");
        Identity trainer = CALLERS.get("trainer");
        Identity steward = CALLERS.get("steward-a");
        setUp(ledger.submit(curator, "artifact:Register", artifact("xrays", "DATASET", "requiresConsent", true)));
        setUp(ledger.submit(
                curator,
                "artifact:Register",
                artifact("shards", "DATASET", "merkle", Json.object("root", digest("root"), "leaves", 4))));
        setUp(ledger.submit(curator, "artifact:Register", artifact("tainted", "DATASET")));
        setUp(ledger.submit(curator, "artifact:SetStatus", "tainted", "REVOKED", "consent withdrawn"));
        setUp(ledger.submit(trainer, "artifact:Register", artifact("train.py", "CODE")));
        setUp(ledger.submit(trainer, "artifact:Register", artifact("hparams", "CONFIG")));
        setUp(ledger.submit(trainer, "artifact:Register", artifact("model-v1", "MODEL")));
        setUp(ledger.submit(
                curator,
                "access:Grant",
                Json.of(Json.object(
                        "artifact", "xrays",
                        "grantee", "ResearchMSP",
                        "purposes", List.of("TRAINING"),
                        "expiresAt", "2027-01-01T00:00:00Z"))));
        setUp(ledger.submit(
                steward,
                transientOf(
                        "consent",
                        Json.of(Json.object(
                                "subject",
                                SUBJECT,
                                "dataset",
                                "xrays",
                                "purposes",
                                List.of("TRAINING"),
                                "expiresAt",
                                "2027-01-01T00:00:00Z",
                                "formDigest",
                                digest("signed form")))),
                "consent:Grant"));
        setUp(ledger.submit(
                steward,
                transientOf("subjects", Json.of(Json.object("subjects", List.of(SUBJECT)))),
                "consent:Attest",
                "xrays",
                "TRAINING"));
        return ledger;
    }

    private static void setUp(Result result) {
        assertThat(result.ok()).as("setting up the ledger: " + result).isTrue();
    }
}
