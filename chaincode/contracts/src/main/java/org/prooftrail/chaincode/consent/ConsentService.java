package org.prooftrail.chaincode.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.ConsentStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.Page;
import org.prooftrail.chaincode.ledger.ProofInput;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.AttestationStatus;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.ConsentRecord;
import org.prooftrail.chaincode.record.ConsentStatus;
import org.prooftrail.chaincode.record.ErasureLog;
import org.prooftrail.chaincode.record.ErasureReceipt;
import org.prooftrail.protocol.Contracts;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.InclusionProof;
import org.prooftrail.protocol.LedgerTime;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The rules of consent, for one transaction by one caller. */
public final class ConsentService {
    /** The transient map entry of consent inputs. */
    public static final String TRANSIENT_CONSENT = "consent";
    /** The transient map entry of the subject list an attestation counts. */
    public static final String TRANSIENT_SUBJECTS = "subjects";

    /**
     * The most subjects one attestation counts. The chaincode reads each one's consent, and the transaction must
     * finish well within the peer's chaincode execute timeout (30 s by default). Measured on the native network
     * (AttestBoundIT, bench/consent-attest.sh): 0.9 s at 1,000 subjects, 2.2 s at 6,000, about 0.3 ms per subject
     * more; 100,000 would take about 25 s, too close to the timeout, so the bound is 25,000 (about 7.5 s).
     */
    public static final int MAX_SUBJECTS = 25_000;
    /** The largest page of {@link #subjects}: 10,000 references are about 670 kB of JSON. */
    static final int MAX_SUBJECTS_PAGE = 10_000;
    /** The transient subject list of {@link #MAX_SUBJECTS} references: 64 hex, quotes and a comma each. */
    static final int MAX_SUBJECTS_BYTES = MAX_SUBJECTS * 67 + 1024;

    private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{64}");

    private final Ledger ledger;
    private final ConsentStore store;
    private final Caller caller;

    public ConsentService(Ledger ledger, Caller caller) {
        this.ledger = ledger;
        this.store = ledger.consent();
        this.caller = caller;
    }

    /** Records a subject's consent; input only in the transient map, written only to the owner's collection. */
    public Map<String, Object> grant() {
        JsonInput in = ledger.transientJson(TRANSIENT_CONSENT);
        String subject = subject(in.requiredString("subject"));
        String datasetId = Ids.id("consent.dataset", in.requiredString("dataset"));
        List<String> purposes = purposes(in.stringList("purposes"));
        Instant expiresAt = LedgerTime.expiry(
                "consent.expiresAt", in.requiredString("expiresAt"), ledger.tx().timestamp());
        Digest form = Digest.parse("consent.formDigest", in.requiredString("formDigest"));
        in.rejectUnknownFields();
        Artifact dataset = ownDataset(datasetId, "record consent for");
        String collection = ConsentStore.collectionOf(dataset.getOwner());
        String now = ledger.tx().timestampText();
        // A renewed (or re-granted) consent keeps its first grant time: erasure lists every attestation since.
        Optional<ConsentRecord> previous = store.findConsent(collection, datasetId, subject);
        String grantedAt = previous.map(ConsentRecord::getGrantedAt).orElse(now);
        ConsentRecord record = new ConsentRecord(
                subject,
                datasetId,
                purposes,
                expiresAt.toString(),
                form.toString(),
                ConsentStatus.GRANTED.name(),
                null,
                grantedAt,
                caller.id(),
                now,
                ledger.tx().txId());
        store.putConsent(collection, record);
        // A renewal that drops a purpose or shortens the expiry withdraws part of what an attestation counted.
        List<ConsentAttestation> stale = previous.isEmpty()
                ? List.of()
                : staleWhereCounted(collection, datasetId, subject, attestation -> {
                    if (!purposes.contains(attestation.getPurpose())) {
                        return "a counted subject's consent was renewed without " + attestation.getPurpose();
                    }
                    if (attestation.getValidUntil() != null
                            && expiresAt.isBefore(Instant.parse(attestation.getValidUntil()))) {
                        // The reason is public (it is kept on the attestation): it must not carry the subject's expiry.
                        return "a counted subject's consent was renewed to expire before the attestation's validUntil";
                    }
                    return null;
                });
        return announce(receipt(record, collection), datasetId, collection, stale, EventNames.CONSENT_GRANTED);
    }

    /** Withdraws a subject's consent; later attestations no longer count it. */
    public Map<String, Object> revoke() {
        JsonInput in = ledger.transientJson(TRANSIENT_CONSENT);
        String subject = subject(in.requiredString("subject"));
        String datasetId = Ids.id("consent.dataset", in.requiredString("dataset"));
        String reason = Ids.text("consent.reason", in.optionalString("reason").orElse("withdrawn"), 1024, true);
        in.rejectUnknownFields();
        Artifact dataset = ownDataset(datasetId, "revoke consent for");
        String collection = ConsentStore.collectionOf(dataset.getOwner());
        ConsentRecord current = requireConsent(collection, datasetId, subject);
        if (!ConsentStatus.GRANTED.name().equals(current.getStatus())) {
            throw ProofTrailException.failedPrecondition("that consent for " + datasetId + " was already revoked");
        }
        ConsentRecord revoked = new ConsentRecord(
                subject,
                datasetId,
                current.getPurposes(),
                current.getExpiresAt(),
                current.getFormDigest(),
                ConsentStatus.REVOKED.name(),
                reason,
                current.getGrantedAt(),
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        store.putConsent(collection, revoked);
        List<ConsentAttestation> stale = staleWhereCounted(
                collection, datasetId, subject, attestation -> "a counted subject's consent was revoked");
        return announce(receipt(revoked, collection), datasetId, collection, stale, EventNames.CONSENT_REVOKED);
    }

    /** Whether the subject (transient {@code subject}) consents to {@code purpose} on the dataset now. */
    public Map<String, Object> check(String datasetText, String purposeText) {
        String datasetId = Ids.id("dataset", datasetText);
        String purpose = Purpose.parse("purpose", purposeText).name();
        requireEvaluated("consent:Check");
        JsonInput in = ledger.transientJson(TRANSIENT_CONSENT);
        String subject = subject(in.requiredString("subject"));
        in.rejectUnknownFields();
        Artifact dataset = ownDataset(datasetId, "check consent for");
        String collection = ConsentStore.collectionOf(dataset.getOwner());
        Map<String, Object> answer = new TreeMap<>();
        answer.put("dataset", datasetId);
        answer.put("purpose", purpose);
        store.findConsent(collection, datasetId, subject)
                .ifPresentOrElse(
                        record -> {
                            answer.put(
                                    "consented",
                                    record.covers(purpose, ledger.tx().timestamp()));
                            answer.put("status", record.getStatus());
                            answer.put("expiresAt", record.getExpiresAt());
                            answer.put("purposes", record.getPurposes());
                        },
                        () -> {
                            answer.put("consented", false);
                            answer.put("status", "NONE");
                        });
        return answer;
    }

    /**
     * One page of the subjects whose consent covers {@code purpose} now, sorted: what an attestation would count.
     * The bookmark is the last subject of the page (empty on the last page); the next page starts after it. Fabric
     * has no paged private data query, so each page still reads the dataset's consents; paging bounds the answer.
     */
    public Page<String> subjects(String datasetText, String purposeText, String pageSizeText, String bookmarkText) {
        String datasetId = Ids.id("dataset", datasetText);
        String purpose = Purpose.parse("purpose", purposeText).name();
        int pageSize = pageSize(pageSizeText);
        String after = bookmarkText == null || bookmarkText.isEmpty() ? null : bookmark(bookmarkText);
        requireEvaluated("consent:Subjects");
        Artifact dataset = ownDataset(datasetId, "list consenting subjects of");
        String collection = ConsentStore.collectionOf(dataset.getOwner());
        TreeSet<String> subjects = new TreeSet<>();
        for (ConsentRecord record : store.consents(collection, datasetId)) {
            if ((after == null || record.getSubject().compareTo(after) > 0)
                    && record.covers(purpose, ledger.tx().timestamp())) {
                subjects.add(record.getSubject());
            }
        }
        List<String> page = new ArrayList<>(pageSize);
        for (String subject : subjects) {
            if (page.size() == pageSize) {
                break;
            }
            page.add(subject);
        }
        String next = subjects.size() > pageSize ? page.get(page.size() - 1) : "";
        return new Page<>(page, next);
    }

    private static int pageSize(String text) {
        int size;
        try {
            size = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ProofTrailException.invalid(
                    "pageSize must be a whole number from 1 to " + MAX_SUBJECTS_PAGE + ", not '" + text + "'");
        }
        if (size < 1 || size > MAX_SUBJECTS_PAGE) {
            throw ProofTrailException.invalid("pageSize must be from 1 to " + MAX_SUBJECTS_PAGE + ", not " + size);
        }
        return size;
    }

    private static String bookmark(String text) {
        if (!PSEUDONYM.matcher(text).matches()) {
            throw ProofTrailException.invalid("bookmark is not one that a previous page of consent:Subjects returned");
        }
        return text;
    }

    /**
     * Refuses to answer from private consent unless the proposal carries the evaluate marker: the chaincode cannot
     * see whether a proposal will be submitted, and a submitted transaction's response (consent status, expiry,
     * subject references) would be kept in the block for every channel member. The client sets the marker only on
     * its evaluate path.
     */
    private void requireEvaluated(String function) {
        if (!ledger.hasTransient(Contracts.TRANSIENT_EVALUATE)) {
            throw ProofTrailException.failedPrecondition(function + " answers from private consent and is only"
                    + " evaluated, never submitted (a submitted transaction's response is kept in the block):"
                    + " evaluate it with the transient entry '" + Contracts.TRANSIENT_EVALUATE + "'");
        }
    }

    /**
     * Publishes the count and Merkle root of the consenting subjects (transient {@code subjects}, as
     * {@link #subjects} lists them). Every listed subject is checked here, by point reads, to hold a covering
     * consent; the owner can only under-report its own consents, never invent one.
     */
    public ConsentAttestation attest(String datasetText, String purposeText) {
        String datasetId = Ids.id("dataset", datasetText);
        String purpose = Purpose.parse("purpose", purposeText).name();
        JsonInput in = ledger.transientJson(TRANSIENT_SUBJECTS, MAX_SUBJECTS_BYTES);
        List<String> given = in.stringList("subjects");
        in.rejectUnknownFields();
        if (!in.has("subjects")) {
            throw ProofTrailException.invalid("transient subjects.subjects is required: the list of consenting"
                    + " subject references (an empty list attests that no subject consents)");
        }
        Artifact dataset = ownDataset(datasetId, "attest consent for");
        String collection = ConsentStore.collectionOf(dataset.getOwner());
        if (given.size() > MAX_SUBJECTS) {
            throw ProofTrailException.invalid("an attestation counts at most " + MAX_SUBJECTS + " subjects");
        }
        TreeSet<String> subjects = new TreeSet<>();
        Instant now = ledger.tx().timestamp();
        Instant validUntil = null;
        for (String text : given) {
            String subject = subject(text);
            ConsentRecord record = requireConsent(collection, datasetId, subject);
            if (!record.covers(purpose, now)) {
                throw ProofTrailException.failedPrecondition("a listed subject's consent to " + datasetId + " does not"
                        + " cover " + purpose + " now (status " + record.getStatus() + ", expires "
                        + record.getExpiresAt() + ")");
            }
            if (!subjects.add(subject)) {
                throw ProofTrailException.invalid("the subject list names one subject twice");
            }
            Instant expires = Instant.parse(record.getExpiresAt());
            validUntil = validUntil == null || expires.isBefore(validUntil) ? expires : validUntil;
        }
        validUntil = publishable(validUntil, now);
        List<String> sorted = new ArrayList<>(subjects);
        ConsentAttestation previous = store.findAttestation(datasetId, purpose)
                .orElseThrow(
                        () -> new IllegalStateException("consent dataset " + datasetId + " has no attestation key"));
        ConsentAttestation attestation = new ConsentAttestation(
                datasetId,
                purpose,
                dataset.getOwner(),
                sorted.size(),
                root(sorted).toString(),
                validUntil == null ? null : validUntil.toString(),
                previous.getVersion() + 1,
                AttestationStatus.ACTIVE.name(),
                null,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId(),
                null,
                null,
                null);
        store.putAttestation(attestation, false);
        store.putAttestedSubjects(collection, datasetId, purpose, sorted);
        Map<String, Object> event = event(datasetId, collection);
        event.put("purpose", purpose);
        event.put("count", attestation.getCount());
        event.put("version", attestation.getVersion());
        ledger.events().emit(EventNames.CONSENT_ATTESTED, event);
        return attestation;
    }

    /**
     * The validity an attestation publishes: the earliest expiry of the counted consents, moved back to the start of
     * its UTC day unless that is already past. The attestation is public, and with one counted subject its exact
     * validity would be that subject's expiry to the nanosecond; the day is what the attestation needs.
     */
    static Instant publishable(Instant earliestExpiry, Instant now) {
        if (earliestExpiry == null) {
            return null;
        }
        Instant day = earliestExpiry.truncatedTo(ChronoUnit.DAYS);
        return day.isAfter(now) ? day : earliestExpiry;
    }

    /** Withdraws an attestation: runs relying on it are then listed by lineage as affected. */
    public ConsentAttestation revokeAttestation(String datasetText, String purposeText, String reasonText) {
        String datasetId = Ids.id("dataset", datasetText);
        String purpose = Purpose.parse("purpose", purposeText).name();
        String reason = Ids.text("reason", reasonText, 1024, true);
        ownDataset(datasetId, "revoke the consent attestation of");
        ConsentAttestation current = requireAttestation(datasetId, purpose);
        if (AttestationStatus.REVOKED.name().equals(current.getStatus())) {
            throw ProofTrailException.failedPrecondition(
                    "the " + purpose + " attestation of " + datasetId + " is already revoked");
        }
        ConsentAttestation revoked = new ConsentAttestation(
                datasetId,
                purpose,
                current.getOwner(),
                current.getCount(),
                current.getRoot(),
                current.getValidUntil(),
                current.getVersion(),
                AttestationStatus.REVOKED.name(),
                reason,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId(),
                null,
                null,
                null);
        store.putAttestation(revoked, false);
        Map<String, Object> event = event(datasetId, ConsentStore.collectionOf(current.getOwner()));
        event.put("purpose", purpose);
        event.put("status", AttestationStatus.REVOKED.name());
        event.put("version", revoked.getVersion());
        ledger.events().emit(EventNames.CONSENT_ATTESTED, event);
        return revoked;
    }

    /** The current attestation, reported STALE once the transaction's time reaches its earliest expiry. */
    public ConsentAttestation getAttestation(String datasetText, String purposeText) {
        return requireAttestation(
                        Ids.id("dataset", datasetText),
                        Purpose.parse("purpose", purposeText).name())
                .asOf(ledger.tx().timestamp());
    }

    /** An inclusion proof of the subject (transient {@code subject}) in the current attestation. */
    public Map<String, Object> prove(String datasetText, String purposeText) {
        String datasetId = Ids.id("dataset", datasetText);
        String purpose = Purpose.parse("purpose", purposeText).name();
        requireEvaluated("consent:Prove");
        JsonInput in = ledger.transientJson(TRANSIENT_CONSENT);
        String subject = subject(in.requiredString("subject"));
        in.rejectUnknownFields();
        Artifact dataset = ownDataset(datasetId, "prove consent for");
        ConsentAttestation attestation = requireAttestation(datasetId, purpose);
        List<String> subjects =
                store.attestedSubjects(ConsentStore.collectionOf(dataset.getOwner()), datasetId, purpose);
        int index = subjects.indexOf(subject);
        if (index < 0) {
            throw ProofTrailException.notFound("the subject is not counted in version " + attestation.getVersion()
                    + " of the " + purpose + " attestation of " + datasetId);
        }
        InclusionProof proof = Merkle.prove(leaves(subjects), index);
        Map<String, Object> answer = new TreeMap<>();
        answer.put("dataset", datasetId);
        answer.put("purpose", purpose);
        answer.put("version", attestation.getVersion());
        answer.put("root", attestation.getRoot());
        answer.put("leafDigest", leaf(subject).toString());
        answer.put("leafIndex", proof.leafIndex());
        answer.put("treeSize", proof.treeSize());
        answer.put("path", proof.path().stream().map(Digest::toString).toList());
        return answer;
    }

    /**
     * Checks a subject's inclusion proof (as {@link #prove} returned it) against the current public attestation;
     * anyone may, without seeing any consent.
     */
    public Map<String, Object> verifyInclusion(
            String datasetText, String purposeText, String leafText, String proofJson) {
        String datasetId = Ids.id("dataset", datasetText);
        String purpose = Purpose.parse("purpose", purposeText).name();
        Digest leaf = Digest.parse("leafDigest", leafText);
        InclusionProof proof = ProofInput.parse(proofJson);
        ConsentAttestation attestation =
                requireAttestation(datasetId, purpose).asOf(ledger.tx().timestamp());
        String reason = null;
        if (attestation.markedStale()) {
            reason = "the attestation is STALE: " + attestation.getStaleReason();
        } else if (!AttestationStatus.ACTIVE.name().equals(attestation.getStatus())) {
            reason = "the attestation was revoked";
        } else if (proof.treeSize() != attestation.getCount()) {
            reason = "the proof is for " + proof.treeSize() + " subjects; the attestation counts "
                    + attestation.getCount();
        } else if (!Merkle.verify(leaf, proof, Digest.parse("root", attestation.getRoot()))) {
            reason = "the proof does not lead from the leaf to the attested root";
        }
        Map<String, Object> answer = new TreeMap<>();
        answer.put("dataset", datasetId);
        answer.put("purpose", purpose);
        answer.put("version", attestation.getVersion());
        answer.put("included", reason == null);
        if (reason != null) {
            answer.put("reason", reason);
        }
        return answer;
    }

    /**
     * Erases a subject's consent: purges the record from the owner's collection (and the subject list of the
     * current attestations, which name it) and publishes a receipt with the hashes that remain.
     */
    public ErasureReceipt erase() {
        JsonInput in = ledger.transientJson(TRANSIENT_CONSENT);
        String subject = subject(in.requiredString("subject"));
        String datasetId = Ids.id("consent.dataset", in.requiredString("dataset"));
        String reason = Ids.text("consent.reason", in.optionalString("reason").orElse("erasure request"), 1024, true);
        in.rejectUnknownFields();
        Artifact dataset = ownDataset(datasetId, "erase consent for");
        String collection = ConsentStore.collectionOf(dataset.getOwner());
        ConsentRecord record = requireConsent(collection, datasetId, subject);
        List<String> attestations = new ArrayList<>();
        List<ConsentAttestation> stale = new ArrayList<>();
        Instant granted = Instant.parse(record.getGrantedAt());
        // Every purpose, not only those the record names now: a renewed consent may have dropped one it had.
        for (Purpose each : Purpose.values()) {
            String purpose = each.name();
            for (ConsentAttestation version : store.attestationHistory(datasetId, purpose)) {
                if (version.getCount() > 0
                        && !Instant.parse(version.getAttestedAt()).isBefore(granted)) {
                    String ref = purpose + ":" + version.getVersion();
                    if (!attestations.contains(ref)) {
                        attestations.add(ref);
                    }
                }
            }
            if (store.attestedSubjects(collection, datasetId, purpose).contains(subject)) {
                store.purgeAttestedSubjects(collection, datasetId, purpose);
                makeStale(datasetId, purpose, "a counted subject's consent was erased")
                        .ifPresent(stale::add);
            }
        }
        String[] hashes = store.purgeConsent(collection, datasetId, subject);
        String txId = ledger.tx().txId();
        ErasureReceipt receipt = new ErasureReceipt(
                "erasure:" + datasetId + ":" + txId,
                datasetId,
                collection,
                hashes[0],
                hashes[1],
                attestations,
                reason,
                caller.id(),
                caller.mspId(),
                ledger.tx().timestampText(),
                txId);
        long erased = store.erasureLog(datasetId).map(ErasureLog::getCount).orElse(0L);
        store.putErasure(new ErasureLog(datasetId, erased + 1, receipt));
        if (stale.isEmpty()) {
            Map<String, Object> event = event(datasetId, collection);
            event.put("receipt", receipt.getId());
            ledger.events().emit(EventNames.CONSENT_ERASED, event);
        } else {
            Map<String, Object> event = staleEvent(datasetId, collection, stale, EventNames.CONSENT_ERASED);
            event.put("receipt", receipt.getId());
            ledger.events().emit(EventNames.CONSENT_ATTESTATION_STALE, event);
        }
        return receipt;
    }

    /** A receipt by its id, {@code erasure:<dataset>:<txId>}. */
    public ErasureReceipt getErasure(String idText) {
        String id = Ids.id("id", idText);
        int txAt = id.lastIndexOf(':');
        if (!id.startsWith("erasure:") || txAt <= "erasure:".length()) {
            throw ProofTrailException.invalid("an erasure receipt id has the form erasure:DATASET:TXID, not " + id);
        }
        return store.findErasure(id.substring("erasure:".length(), txAt), id.substring(txAt + 1))
                .orElseThrow(() -> ProofTrailException.notFound("erasure receipt " + id + " does not exist"));
    }

    /** The Merkle root over sorted subject references, each leaf the leaf hash of the 32 reference bytes. */
    static Digest root(List<String> sortedSubjects) {
        return Merkle.root(leaves(sortedSubjects));
    }

    static List<Digest> leaves(List<String> subjects) {
        return subjects.stream().map(ConsentService::leaf).toList();
    }

    static Digest leaf(String subject) {
        return Merkle.leafHash(HexFormat.of().parseHex(subject));
    }

    private Artifact ownDataset(String datasetId, String action) {
        Artifact dataset = ledger.artifacts()
                .find(datasetId)
                .orElseThrow(() -> ProofTrailException.notFound("dataset " + datasetId + " does not exist"));
        if (!caller.belongsTo(dataset.getOwner())) {
            throw ProofTrailException.permissionDenied("only " + dataset.getOwner() + " may " + action + " " + datasetId
                    + "; the caller belongs to " + caller.mspId());
        }
        caller.requireRole("consent management", Role.STEWARD);
        requireNotDerived(dataset);
        if (!Boolean.TRUE.equals(dataset.getRequiresConsent())) {
            throw ProofTrailException.failedPrecondition("dataset " + datasetId + " was not registered as requiring"
                    + " consent (\"requiresConsent\": true), so it has no consent records or attestations");
        }
        return dataset;
    }

    private ConsentRecord requireConsent(String collection, String dataset, String subject) {
        return store.findConsent(collection, dataset, subject)
                .orElseThrow(() ->
                        ProofTrailException.notFound("no consent of that subject for " + dataset + " is recorded"));
    }

    /**
     * A dataset governed only by the consent of the datasets it derives from has no consent keys of its own: say
     * where its consent is kept rather than report nothing found.
     */
    private static void requireNotDerived(Artifact dataset) {
        if (!Boolean.TRUE.equals(dataset.getRequiresConsent())
                && !dataset.consentSources().isEmpty()) {
            List<String> sources = dataset.consentSources();
            throw ProofTrailException.failedPrecondition(dataset.getId() + " derives from consent-requiring dataset"
                    + (sources.size() == 1 ? " " : "s ") + String.join(", ", sources) + ", whose consent governs it:"
                    + " consent is recorded and attested on " + String.join(", ", sources) + " by "
                    + (sources.size() == 1 ? "its owner" : "their owners") + ", not on " + dataset.getId());
        }
    }

    private ConsentAttestation requireAttestation(String dataset, String purpose) {
        ledger.artifacts().find(dataset).ifPresent(ConsentService::requireNotDerived);
        return store.findAttestation(dataset, purpose)
                .filter(ConsentAttestation::attested)
                .orElseThrow(() -> ProofTrailException.notFound(
                        "dataset " + dataset + " has no consent attestation for " + purpose));
    }

    /**
     * A subject reference must be the client's pseudonym (64 lowercase hex of a keyed hash); a raw identifier such
     * as a patient number or a name is refused before anything is stored.
     */
    static String subject(String text) {
        if (text == null || !PSEUDONYM.matcher(text).matches()) {
            throw ProofTrailException.invalid("subject must be a pseudonymous reference (64 lowercase hex, the keyed"
                    + " hash the client computes with the organisation's secret), never a raw identifier");
        }
        return text;
    }

    private static List<String> purposes(List<String> given) {
        if (given.isEmpty()) {
            throw ProofTrailException.invalid("consent.purposes must name at least one purpose");
        }
        TreeSet<String> purposes = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            purposes.add(
                    Purpose.parse("consent.purposes[" + i + "]", given.get(i)).name());
        }
        return new ArrayList<>(purposes);
    }

    /**
     * What a grant or revocation returns: no purposes and no expiry, because Fabric keeps a submitted transaction's
     * response in the block, where every member of the channel reads it for ever.
     */
    private Map<String, Object> receipt(ConsentRecord record, String collection) {
        Map<String, Object> answer = new TreeMap<>();
        answer.put("dataset", record.getDataset());
        answer.put("collection", collection);
        answer.put("status", record.getStatus());
        answer.put("txId", record.getTxId());
        return answer;
    }

    /**
     * Marks the dataset's current attestation for {@code purpose} STALE if it is ACTIVE (the caller has found that it
     * counts the subject whose consent this transaction withdraws): same version, with why, this transaction and
     * its time. The key is owner-only since registration, so this owner-endorsed transaction may update it.
     */
    /**
     * Marks STALE each ACTIVE attestation of the dataset for which {@code why} gives a reason (null: unaffected) and
     * whose private subject list counts the subject.
     */
    private List<ConsentAttestation> staleWhereCounted(
            String collection, String datasetId, String subject, Function<ConsentAttestation, String> why) {
        List<ConsentAttestation> stale = new ArrayList<>();
        for (Purpose each : Purpose.values()) {
            String purpose = each.name();
            Optional<ConsentAttestation> active = store.findAttestation(datasetId, purpose)
                    .filter(a -> AttestationStatus.ACTIVE.name().equals(a.getStatus()));
            String reason = active.map(why).orElse(null);
            if (reason != null
                    && store.attestedSubjects(collection, datasetId, purpose).contains(subject)) {
                makeStale(datasetId, purpose, reason).ifPresent(stale::add);
            }
        }
        return stale;
    }

    /**
     * Emits the transaction's one event: {@code plain} as before when no attestation became STALE, else
     * {@code ConsentAttestationStale} naming them with {@code plain} as the cause; the answer lists them too.
     */
    private Map<String, Object> announce(
            Map<String, Object> answer,
            String datasetId,
            String collection,
            List<ConsentAttestation> stale,
            String plain) {
        if (stale.isEmpty()) {
            ledger.events().emit(plain, event(datasetId, collection));
        } else {
            answer.put("staleAttestations", staleList(stale));
            ledger.events().emit(EventNames.CONSENT_ATTESTATION_STALE, staleEvent(datasetId, collection, stale, plain));
        }
        return answer;
    }

    private Optional<ConsentAttestation> makeStale(String datasetId, String purpose, String why) {
        Optional<ConsentAttestation> current = store.findAttestation(datasetId, purpose)
                .filter(a -> AttestationStatus.ACTIVE.name().equals(a.getStatus()));
        current.ifPresent(a -> store.putAttestation(
                a.stale(why, ledger.tx().txId(), ledger.tx().timestampText()), false));
        return current;
    }

    private static List<Map<String, Object>> staleList(List<ConsentAttestation> stale) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConsentAttestation a : stale) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("purpose", a.getPurpose());
            entry.put("version", a.getVersion());
            list.add(entry);
        }
        list.sort(Comparator.comparing(e -> (String) e.get("purpose")));
        return list;
    }

    /** The one event of a revocation or erasure that made attestations STALE: ids and versions, no subject. */
    private Map<String, Object> staleEvent(
            String dataset, String collection, List<ConsentAttestation> stale, String cause) {
        Map<String, Object> event = event(dataset, collection);
        event.put("attestations", staleList(stale));
        event.put("cause", cause);
        return event;
    }

    private Map<String, Object> event(String dataset, String collection) {
        Map<String, Object> event = new TreeMap<>();
        event.put("dataset", dataset);
        event.put("collection", collection);
        event.put("txId", ledger.tx().txId());
        return event;
    }
}
