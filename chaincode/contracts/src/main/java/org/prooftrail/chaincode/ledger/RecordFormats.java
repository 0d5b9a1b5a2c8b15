package org.prooftrail.chaincode.ledger;

import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.protocol.ProofTrailException;

/**
 * The formats of stored records, and how a record of an earlier format reads under today's rules. Every record the
 * chaincode stores carries its format in the field {@value #FIELD} ({@link LedgerCodec#store}); a record without it
 * was written by release 0.1.0.
 *
 * <table>
 *   <caption>Record formats</caption>
 *   <tr><th>format</th><th>written by</th><th>what changed</th></tr>
 *   <tr><td>1</td><td>release 0.1.0 (commit 41fcc83), no {@value #FIELD} field</td><td>the first shapes</td></tr>
 *   <tr><td>2</td><td>since wave 2</td><td>fields added, absent when empty ({@code ConsentAttestation.staleReason,
 *   staleTxId, staleAt}, status {@code STALE}; {@code Artifact.consentFrom}; {@code TrainingRun.consents};
 *   {@code Deployment.compliance, acceptedRisk, riskReasons}); lists stored in an envelope {@code {"items": [...],
 *   "v": 2}}; the field {@value #FIELD} itself</td></tr>
 * </table>
 *
 * <p>Rules that need what an older record lacks, decided here once for every reader:
 *
 * <ul>
 *   <li>A format-1 {@code ACTIVE} consent attestation reads as {@code STALE}: release 0.1.0 did not mark an
 *       attestation stale when a consent it counted was revoked, erased or expired, so whether it still holds is
 *       unknown. The training gate refuses it, compliance counts a run that relied on it as at risk, and the owner
 *       attests again ({@code consent:Attest}) before a new run relies on the dataset. Nothing is written: the
 *       stored bytes stay as 0.1.0 wrote them.
 *   <li>Every other format-1 record reads as it is: its new fields are absent, which each rule already reads as
 *       "nothing recorded" (no inherited consent, no consents relied on beyond the inputs' versions, no compliance
 *       verdict at deployment, which compliance then computes from the upstream).
 * </ul>
 */
public final class RecordFormats {
    /** The field of a stored record that holds its format. */
    public static final String FIELD = "v";
    /** The field of the envelope of a stored list that holds the list. */
    public static final String ITEMS = "items";
    /** The format of records written by release 0.1.0, which have no {@value #FIELD} field. */
    public static final int FIRST = 1;
    /** The format this chaincode writes, and the newest it reads. */
    public static final int CURRENT = 2;

    /** Why a format-1 attestation reads as stale. */
    public static final String UNKNOWN_FRESHNESS = "attested by chaincode 0.1.0 (record format 1), which did not mark"
            + " attestations stale when a consent they counted was revoked, erased or expired: its freshness is"
            + " unknown; attest again (consent:Attest) before a run relies on it";

    private RecordFormats() {}

    /**
     * The format named by a record's {@value #FIELD} field; {@code FAILED_PRECONDITION} for a format newer than
     * {@link #CURRENT} (a newer chaincode wrote it, so this one cannot know what it means).
     */
    static int formatOf(Object value, Class<?> type) {
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < FIRST) {
            throw new IllegalStateException(
                    "stored " + type.getSimpleName() + " has an unreadable record format " + value);
        }
        if (number.doubleValue() > CURRENT) {
            throw ProofTrailException.failedPrecondition("record written by a newer chaincode: a stored "
                    + (type == Object.class ? "record" : type.getSimpleName()) + " has record format "
                    + (number.doubleValue() > Integer.MAX_VALUE ? value : Integer.toString(number.intValue()))
                    + " and this chaincode reads formats " + FIRST + " to " + CURRENT
                    + "; run the newer chaincode on this peer (docs/upgrading.md)");
        }
        return number.intValue();
    }

    /** A record's JSON tree of {@code format}, brought to the shape and meaning of {@link #CURRENT}. */
    static Object upgrade(Class<?> type, int format, Object tree) {
        if (format < 2 && type == ConsentAttestation.class && tree instanceof Map<?, ?> map) {
            return attestationFromFormat1(map);
        }
        return tree;
    }

    /** Stored words, not the class's constants: this is about the bytes 0.1.0 wrote, whatever the class becomes. */
    private static Object attestationFromFormat1(Map<?, ?> map) {
        if (!"ACTIVE".equals(map.get("status"))) {
            return map;
        }
        Map<String, Object> upgraded = new TreeMap<>();
        map.forEach((k, v) -> upgraded.put(String.valueOf(k), v));
        upgraded.put("status", "STALE");
        upgraded.put("staleReason", UNKNOWN_FRESHNESS);
        return upgraded;
    }
}
