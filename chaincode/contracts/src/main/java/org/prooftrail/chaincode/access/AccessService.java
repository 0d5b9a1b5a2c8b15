package org.prooftrail.chaincode.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.AccessStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.Page;
import org.prooftrail.chaincode.record.AccessDecision;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.AccessRecord;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.GrantStatus;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.LedgerTime;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The rules of access grants and the access log, for one transaction by one caller. */
public final class AccessService {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    static final int MAX_TEXT = 1024;

    private final Ledger ledger;
    private final AccessStore store;
    private final Caller caller;

    public AccessService(Ledger ledger, Caller caller) {
        this.ledger = ledger;
        this.store = ledger.access();
        this.caller = caller;
    }

    /** Grants (or replaces the grant of) an organisation, optionally one role in it, access for purposes. */
    public AccessGrant grant(String json) {
        JsonInput in = JsonInput.parse("grant", json);
        String artifactId = Ids.id("grant.artifact", in.requiredString("artifact"));
        String grantee = Ids.id("grant.grantee", in.requiredString("grantee"));
        String role = in.optionalString("role").map(AccessService::role).orElse(AccessGrant.ANY_ROLE);
        List<String> purposes = purposes("grant.purposes", in.stringList("purposes"));
        Instant expiresAt = LedgerTime.expiry(
                "grant.expiresAt", in.requiredString("expiresAt"), ledger.tx().timestamp());
        in.rejectUnknownFields();
        Artifact artifact = ownedArtifact(artifactId, "grant access to");
        caller.requireRole("granting access", Role.CURATOR, Role.STEWARD);
        if (grantee.equals(artifact.getOwner())) {
            throw ProofTrailException.invalid(grantee + " owns " + artifactId + " and needs no grant");
        }
        AccessGrant grant = new AccessGrant(
                artifactId,
                artifact.getOwner(),
                grantee,
                role,
                purposes,
                expiresAt.toString(),
                GrantStatus.ACTIVE.name(),
                null,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        store.putGrant(grant);
        ledger.events().emit(EventNames.ACCESS_GRANTED, event(grant));
        return grant;
    }

    /** Revokes a grant; only the owner organisation may. */
    public AccessGrant revoke(String artifactText, String granteeText, String roleText, String reasonText) {
        String artifactId = Ids.id("artifact", artifactText);
        String grantee = Ids.id("grantee", granteeText);
        String role = roleText == null || roleText.isBlank() ? AccessGrant.ANY_ROLE : role(roleText);
        String reason = Ids.text("reason", reasonText, MAX_TEXT, true);
        ownedArtifact(artifactId, "revoke access to");
        caller.requireRole("revoking access", Role.CURATOR, Role.STEWARD);
        AccessGrant current = store.findGrant(artifactId, grantee, role)
                .orElseThrow(() -> ProofTrailException.notFound("no grant of " + artifactId + " to " + grantee
                        + (AccessGrant.ANY_ROLE.equals(role) ? "" : " (role " + role + ")") + " exists"));
        if (!GrantStatus.ACTIVE.name().equals(current.getStatus())) {
            throw ProofTrailException.failedPrecondition("the grant of " + artifactId + " to " + grantee
                    + " was already revoked in transaction " + current.getTxId());
        }
        AccessGrant revoked = new AccessGrant(
                artifactId,
                current.getOwner(),
                grantee,
                role,
                current.getPurposes(),
                current.getExpiresAt(),
                GrantStatus.REVOKED.name(),
                reason,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        store.putGrant(revoked);
        ledger.events().emit(EventNames.ACCESS_REVOKED, event(revoked));
        return revoked;
    }

    /** Every grant on an artifact, active or revoked. */
    public List<AccessGrant> grants(String artifactText) {
        String artifactId = Ids.id("artifact", artifactText);
        requireArtifact(artifactId);
        return store.grants(artifactId, null);
    }

    /**
     * Records an access by the caller's organisation: allowed for the owner, or under an active, unexpired grant
     * to the caller's organisation (for any role, or for one the caller holds) that names the purpose; denied
     * otherwise. A denial is recorded too, and is not an error: it is evidence. Any member of the channel may log,
     * with or without a prooftrail role: an attempt by someone without one is exactly what an audit wants to see.
     */
    public AccessRecord log(String json) {
        JsonInput in = JsonInput.parse("access", json);
        String artifactId = Ids.id("access.artifact", in.requiredString("artifact"));
        Purpose purpose = Purpose.parse("access.purpose", in.requiredString("purpose"));
        String note = Ids.text("access.note", in.optionalString("note").orElse(""), MAX_TEXT, false);
        in.rejectUnknownFields();
        Artifact artifact = requireArtifact(artifactId);
        Decision decision = decide(artifact, purpose.name());
        AccessRecord record = new AccessRecord(
                artifactId,
                artifact.getOwner(),
                caller.mspId(),
                caller.id(),
                purpose.name(),
                decision.allowed ? AccessDecision.ALLOWED.name() : AccessDecision.DENIED.name(),
                decision.reason,
                note,
                ledger.tx().timestampText(),
                ledger.tx().txId());
        store.putRecord(record);
        Map<String, Object> event = new TreeMap<>();
        event.put("artifact", artifactId);
        event.put("accessor", caller.mspId());
        event.put("purpose", purpose.name());
        event.put("decision", record.getDecision());
        event.put("txId", record.getTxId());
        ledger.events().emit(EventNames.ACCESS_LOGGED, event);
        return record;
    }

    /**
     * One page of the access log, of an {@code artifact} or of an accessing {@code org}. An organisation reads the
     * log of its own artifacts and its own accesses; a caller with the {@code auditor} role reads every
     * organisation's. This is an application rule over public state (every member's peer stores the log), not
     * confidentiality: it keeps ordinary clients to what concerns them and makes cross-organisation reading an
     * explicit, certificate-issued role.
     */
    public Page<AccessRecord> logPage(String json) {
        JsonInput in = JsonInput.parse("query", json);
        Optional<String> artifact = in.optionalString("artifact").map(a -> Ids.id("query.artifact", a));
        Optional<String> org = in.optionalString("org").map(o -> Ids.id("query.org", o));
        long pageSize = in.optionalLong("pageSize").orElse((long) DEFAULT_PAGE_SIZE);
        String bookmark = in.optionalString("bookmark").orElse("");
        in.rejectUnknownFields();
        if (artifact.isPresent() == org.isPresent()) {
            throw ProofTrailException.invalid("query needs exactly one of artifact or org");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProofTrailException.invalid("query.pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        boolean auditor = caller.roles().contains(Role.AUDITOR);
        if (artifact.isPresent()) {
            Artifact logged = requireArtifact(artifact.get());
            if (!auditor && !caller.belongsTo(logged.getOwner())) {
                throw ProofTrailException.permissionDenied("the access log of " + logged.getId() + " is readable by"
                        + " its owner " + logged.getOwner() + " and by auditors; " + caller.mspId()
                        + " may read its own accesses with {\"org\": \"" + caller.mspId() + "\"}");
            }
        } else if (!auditor && !caller.belongsTo(org.get())) {
            throw ProofTrailException.permissionDenied("the access log of " + org.get() + "'s accesses is readable by"
                    + " " + org.get() + " and by auditors; the caller belongs to " + caller.mspId()
                    + " and has no auditor role");
        }
        return store.log(artifact.orElseGet(org::get), org.isPresent(), (int) pageSize, bookmark);
    }

    /**
     * Whether {@code trainer}'s organisation may use {@code input} for {@code purpose} now: its owner may; anyone
     * else needs a covering grant. Used by the training gate.
     */
    public Decision decide(Artifact input, String purpose) {
        if (caller.belongsTo(input.getOwner())) {
            return new Decision(true, "the accessor's organisation owns " + input.getId());
        }
        Instant now = ledger.tx().timestamp();
        for (AccessGrant grant : store.grants(input.getId(), caller.mspId())) {
            boolean roleMatches = AccessGrant.ANY_ROLE.equals(grant.getRole())
                    || Role.fromAttribute(grant.getRole())
                            .map(caller.roles()::contains)
                            .orElse(false);
            if (roleMatches && grant.covers(purpose, now)) {
                return new Decision(true, "granted by " + grant.getOwner() + " in transaction " + grant.getTxId());
            }
        }
        return new Decision(
                false,
                caller.mspId() + " holds no active " + purpose + " grant on " + input.getOwner()
                        + "'s " + input.getKind().toLowerCase(java.util.Locale.ROOT) + " " + input.getId()
                        + (caller.roles().isEmpty() ? "" : " for its roles"));
    }

    /** An access decision and why. */
    public static final class Decision {
        private final boolean allowed;
        private final String reason;

        Decision(boolean allowed, String reason) {
            this.allowed = allowed;
            this.reason = reason;
        }

        public boolean allowed() {
            return allowed;
        }

        public String reason() {
            return reason;
        }
    }

    private Artifact ownedArtifact(String artifactId, String action) {
        Artifact artifact = requireArtifact(artifactId);
        if (!caller.belongsTo(artifact.getOwner())) {
            throw ProofTrailException.permissionDenied("only " + artifact.getOwner() + " may " + action + " "
                    + artifactId + "; the caller belongs to " + caller.mspId());
        }
        return artifact;
    }

    private Artifact requireArtifact(String artifactId) {
        return ledger.artifacts()
                .find(artifactId)
                .orElseThrow(() -> ProofTrailException.notFound("artifact " + artifactId + " does not exist"));
    }

    private static String role(String text) {
        return Role.fromAttribute(text)
                .map(Role::attributeValue)
                .orElseThrow(() -> ProofTrailException.invalid("role '" + Printable.truncate(text)
                        + "' is not a prooftrail role (admin, curator, trainer, deployer, steward, auditor)"));
    }

    static List<String> purposes(String field, List<String> given) {
        if (given.isEmpty()) {
            throw ProofTrailException.invalid(field + " must name at least one of READ, TRAINING, EVALUATION,"
                    + " INFERENCE, EXPORT, DERIVE, AUDIT");
        }
        List<String> purposes = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String purpose = Purpose.parse(field + "[" + i + "]", given.get(i)).name();
            if (!purposes.contains(purpose)) {
                purposes.add(purpose);
            }
        }
        purposes.sort(null);
        return purposes;
    }

    private static Map<String, Object> event(AccessGrant grant) {
        Map<String, Object> event = new TreeMap<>();
        event.put("artifact", grant.getArtifact());
        event.put("grantee", grant.getGrantee());
        event.put("role", grant.getRole());
        event.put("status", grant.getStatus());
        event.put("txId", grant.getTxId());
        return event;
    }
}
