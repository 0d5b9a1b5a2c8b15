package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.protocol.Transaction;

/** Registration input and reads for embedded ledger tests. */
final class Artifacts {
    private Artifacts() {}

    static String digest(String seed) {
        final byte[] hash = LogRecord.sha256(seed.getBytes(UTF_8));
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    static String dataset(String id) {
        return "{\"id\":\"" + id + "\",\"kind\":\"DATASET\",\"digest\":\"" + digest(id) + "\"}";
    }

    static SubmitResult register(LedgerTransport ledger, String id) {
        return ledger.submit(Transaction.ARTIFACT_REGISTER, List.of(dataset(id)), Map.of());
    }

    static String get(LedgerTransport ledger, String id) {
        return new String(ledger.evaluate(Transaction.ARTIFACT_GET, List.of(id)), UTF_8);
    }
}
