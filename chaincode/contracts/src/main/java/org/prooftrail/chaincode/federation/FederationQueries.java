package org.prooftrail.chaincode.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.chaincode.ledger.FederationStore;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LedgerCodec;
import org.prooftrail.chaincode.record.Federation;
import org.prooftrail.chaincode.record.FederationRound;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;

/** What anyone on the channel may read of a federation: {@code federation:Get} and {@code federation:History}. */
public final class FederationQueries {
    /** The most rounds and updates per round that {@code federation:History} returns. */
    static final int MAX_LISTED = 1000;

    private final FederationStore federations;

    public FederationQueries(Ledger ledger) {
        this.federations = ledger.federation();
    }

    /** {@code federation:Get}: the federation and its latest round. */
    public Map<String, Object> get(String idText) {
        String id = Ids.id("id", idText);
        Federation federation = federation(id);
        List<FederationRound> rounds = federations.rounds(id, MAX_LISTED);
        Map<String, Object> view = new TreeMap<>(LedgerCodec.fields(federation));
        view.put("rounds", rounds.size());
        if (!rounds.isEmpty()) {
            view.put("currentRound", LedgerCodec.fields(rounds.get(rounds.size() - 1)));
        }
        return view;
    }

    /** {@code federation:History}: every round, oldest first, each with the updates submitted in it. */
    public Map<String, Object> history(String idText) {
        String id = Ids.id("id", idText);
        federation(id);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (FederationRound round : federations.rounds(id, MAX_LISTED)) {
            rounds.add(withSubmitted(round));
        }
        Map<String, Object> view = new TreeMap<>();
        view.put("federation", id);
        view.put("rounds", rounds);
        return view;
    }

    private Map<String, Object> withSubmitted(FederationRound round) {
        Map<String, Object> entry = new TreeMap<>(LedgerCodec.fields(round));
        List<Map<String, Object>> submitted = new ArrayList<>();
        for (String update : federations.submissions(round.getFederation(), round.getRound(), MAX_LISTED)) {
            federations.findUpdate(update).ifPresent(u -> submitted.add(LedgerCodec.fields(u)));
        }
        entry.put("submitted", submitted);
        return entry;
    }

    private Federation federation(String id) {
        return federations
                .find(id)
                .orElseThrow(() -> ProofTrailException.notFound("federation " + id + " does not exist"));
    }
}
