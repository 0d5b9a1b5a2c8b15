package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** The {@code validation-flag} and {@code write-set} checks: what the block and the transaction say of a record. */
final class RecordChecks {
    private RecordChecks() {}

    static Check validationFlag(CommittedTransaction transaction, Block block) {
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        if (transaction.index() >= flags.size()) {
            return Check.failed(
                    Check.VALIDATION_FLAG, "the block has no validation flag for transaction " + transaction.index());
        }
        int code = flags.byteAt(transaction.index()) & 0xff;
        if (code == TxValidationCode.VALID_VALUE) {
            return Check.passed(Check.VALIDATION_FLAG, "VALID (transaction " + transaction.index() + " of the block)");
        }
        TxValidationCode name = TxValidationCode.forNumber(code);
        return Check.failed(Check.VALIDATION_FLAG, "flagged " + (name == null ? "code " + code : name.name()));
    }

    /** The {@code write-set} check of a record against its transaction. */
    static Check writeSet(BundledRecord record, CommittedTransaction transaction) {
        Optional<KVWrite> write = transaction.namespaces().stream()
                .filter(namespace -> namespace.namespace().equals(record.namespace()))
                .flatMap(namespace -> namespace.rwset().getWritesList().stream())
                .filter(each -> each.getKey().equals(record.key()))
                .findFirst();
        if (write.isEmpty()) {
            return Check.failed(
                    Check.WRITE_SET,
                    "the transaction does not write " + record.readableKey() + " in namespace " + record.namespace());
        }
        if (write.get().getIsDelete()) {
            return Check.failed(Check.WRITE_SET, "the transaction deletes " + record.readableKey());
        }
        if (!write.get().getValue().equals(record.value())) {
            return Check.failed(
                    Check.WRITE_SET,
                    "the transaction writes " + record.readableKey() + " with other bytes than the record claims");
        }
        String digest = BundleVerifier.hex(
                ByteString.copyFrom(BlockHashes.sha256().digest(record.value().toByteArray())));
        return Check.passed(
                Check.WRITE_SET,
                record.readableKey() + " = " + record.value().size() + " bytes, sha256 " + digest.substring(0, 16)
                        + "…");
    }
}
