package org.prooftrail.client.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.protocol.Role;

/**
 * The prooftrail ledger in this process: the real contracts over a local, persistent, crash-safe world state, for
 * use without a Fabric network. A submitted transaction is simulated, appended to a hash-chained log, forced to disk
 * and applied before {@link #submit} returns; its block number is its record's number (one transaction per block,
 * from 1). Private data collections are all held locally.
 *
 * <p>One process at a time may write to a ledger folder ({@link #open}); any number may read it meanwhile ({@link
 * #openShared}). Instances are thread-safe; commits are serialised and share disk flushes (group commit).
 *
 * <pre>{@code
 * try (EmbeddedLedger ledger = EmbeddedLedger.open(EmbeddedLedger.defaultHome())) {
 *     SubmitResult result = ledger.submit(Transaction.ARTIFACT_REGISTER, List.of(json), Map.of());
 *     EmbeddedLedger hospitalB = ledger.as("HospitalBMSP", Set.of(Role.CURATOR));
 * }
 * }</pre>
 */
public interface EmbeddedLedger extends LedgerTransport {

    /** The organisation of the local user. */
    String DEFAULT_MSP_ID = "LocalOrgMSP";

    /**
     * Opens (creating if needed) the ledger in {@code <home>/ledger/} with the local user of {@link #DEFAULT_MSP_ID}
     * from {@code <home>/identity/}, created on first open with the roles admin, curator, trainer, deployer and
     * steward. Opens the ledger's index and brings it up to the log (the records after the last one it holds, or the
     * whole log if it is missing or does not match); cuts off the remains of an interrupted write at its end.
     *
     * @throws CorruptLedgerException if the log does not verify
     * @throws org.prooftrail.client.GatewayUnavailableException if the folder cannot be used or another process writes
     *     to the ledger
     */
    static EmbeddedLedger open(Path home) {
        return LedgerStore.open(home, true).session();
    }

    /**
     * Opens (creating if needed) the ledger in {@code <home>/ledger/} without taking the writer lock, for a process
     * that mostly reads while another may write: it reads the index the writer keeps, and follows it as the writer
     * commits (evaluations first look for a newer index; subscriptions are fed as records arrive). Its first {@link #submit} takes
     * the writer lock, as {@link #open} does, and fails with {@link org.prooftrail.client.GatewayUnavailableException}
     * if another process writes. A reader never changes the log.
     *
     * @throws CorruptLedgerException if the log does not verify
     * @throws org.prooftrail.client.GatewayUnavailableException if the folder cannot be used
     */
    static EmbeddedLedger openShared(Path home) {
        return LedgerStore.open(home, false).session();
    }

    /**
     * As {@link #open(Path)}, submitting as the local user of the local organisation {@code organisation} (see {@link
     * #mspIdOf}): its own MSP folder and certificate authority under {@code <home>/identity/<mspId>/}, created on first
     * use with the same roles as the default user. Several organisations on one machine share the ledger; the
     * contracts see whichever one a command names as the caller.
     */
    static EmbeddedLedger open(Path home, String organisation) {
        final Creator user = LocalIdentities.loadOrCreate(home.resolve("identity"), mspIdOf(organisation));
        return new LedgerSession(LedgerStore.open(home, true), user, true);
    }

    /** As {@link #openShared(Path)}, as the local user of the local organisation {@code organisation}. */
    static EmbeddedLedger openShared(Path home, String organisation) {
        final Creator user = LocalIdentities.loadOrCreate(home.resolve("identity"), mspIdOf(organisation));
        return new LedgerSession(LedgerStore.open(home, false), user, true);
    }

    /**
     * The MSP ID of a local organisation named {@code organisation}: a name of lower-case letters, digits and hyphens
     * ({@code hospital-b}) becomes its words capitalised with {@code MSP} appended ({@code HospitalBMSP}), as the
     * project's network names its organisations; a name already ending in {@code MSP} is taken as the MSP ID.
     *
     * @throws IllegalArgumentException for any other name
     */
    static String mspIdOf(String organisation) {
        return LocalIdentities.mspIdOf(organisation);
    }

    /** {@code $PROOFTRAIL_HOME}, or {@code ~/.prooftrail} when it is unset or empty. */
    static Path defaultHome() {
        return defaultHome(System.getenv(), System.getProperty("user.home"));
    }

    /** The default home for this environment and user home; for tests and the command line. */
    static Path defaultHome(Map<String, String> environment, String userHome) {
        final String home = environment.get("PROOFTRAIL_HOME");
        return home == null || home.isBlank() ? Path.of(userHome, ".prooftrail") : Path.of(home);
    }

    /**
     * The same ledger, submitting and evaluating as a user of organisation {@code mspId} whose certificate carries
     * exactly {@code roles} (none: a plain member). For demonstrations and tests of several organisations; the
     * identity is issued in memory by that organisation's authority and not stored. Closing the returned view does
     * nothing; closing the ledger it came from closes both.
     */
    EmbeddedLedger as(String mspId, Set<Role> roles);

    /**
     * The same ledger, submitting and evaluating as the local user of the local organisation {@code organisation}
     * (see {@link #mspIdOf}), whose MSP folder and certificate authority are kept under {@code <home>/identity/} and
     * created on first use: the identity {@code --org} selects on the command line. Closing the returned view does
     * nothing; closing the ledger it came from closes both.
     */
    EmbeddedLedger asOrganisation(String organisation);

    /** The organisation this view submits as. */
    String mspId();

    /** How many transactions are committed and on disk: the last block number. */
    long height();

    /** The folder given to {@link #open}. */
    Path home();

    /**
     * Re-reads the whole transaction log, checks every record and the hash chain, replays it into a fresh index and
     * compares that with the index in use. Submissions wait while it runs.
     */
    LedgerVerification verify();

    /**
     * Rebuilds the ledger's index (state, history, events: {@code ledger/index.mv.db}) from the whole transaction log
     * and replaces the old one, as the writer (it takes the writer lock, as {@link #submit} does). The log is not
     * changed. Returns how many records the new index holds.
     *
     * @throws CorruptLedgerException if the log does not verify
     * @throws org.prooftrail.client.GatewayUnavailableException if another process writes to the ledger
     */
    long reindex();
}
