package org.prooftrail.client.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.LedgerEventListener;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.protocol.Role;
import org.prooftrail.protocol.Transaction;

/** An {@link EmbeddedLedger} bound to one identity; the one returned by {@code open} owns the store and closes it. */
final class LedgerSession implements EmbeddedLedger {
    private final LedgerStore store;
    private final Creator creator;
    private final boolean owner;

    LedgerSession(LedgerStore store, Creator creator, boolean owner) {
        this.store = store;
        this.creator = creator;
        this.owner = owner;
    }

    @Override
    public SubmitResult submit(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        return store.submit(creator, transaction, arguments, transientData);
    }

    @Override
    public byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        return store.evaluate(creator, transaction, arguments, transientData);
    }

    @Override
    public EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
        return store.subscribe(checkpoint, listener);
    }

    @Override
    public EmbeddedLedger as(String mspId, Set<Role> roles) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(roles, "roles");
        if (mspId.isBlank()) {
            throw new IllegalArgumentException("mspId must not be blank");
        }
        return store.session(mspId, roles);
    }

    @Override
    public EmbeddedLedger asOrganisation(String organisation) {
        final String mspId = EmbeddedLedger.mspIdOf(organisation);
        return new LedgerSession(
                store, LocalIdentities.loadOrCreate(store.home().resolve("identity"), mspId), false);
    }

    @Override
    public String mspId() {
        return creator.mspId();
    }

    @Override
    public long height() {
        return store.height();
    }

    @Override
    public Path home() {
        return store.home();
    }

    @Override
    public LedgerVerification verify() {
        return store.verify();
    }

    @Override
    public long reindex() {
        return store.reindex();
    }

    @Override
    public String describe() {
        return "embedded ledger in " + store.home() + " as " + creator.mspId();
    }

    @Override
    public void close() {
        if (owner) {
            store.close();
        }
    }
}
