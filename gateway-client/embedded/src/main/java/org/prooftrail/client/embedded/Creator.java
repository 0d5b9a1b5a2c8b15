package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A transaction creator as a peer sees it: MSP ID and the serialized identity with its PEM certificate. */
final class Creator {
    private final String mspId;
    private final byte[] serialized;
    private final byte[] digest;

    Creator(String mspId, String certificatePem) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.serialized = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(Objects.requireNonNull(certificatePem, "certificatePem"), UTF_8))
                .build()
                .toByteArray();
        this.digest = LogRecord.sha256(serialized);
    }

    String mspId() {
        return mspId;
    }

    byte[] serialized() {
        return serialized.clone();
    }

    byte[] digest() {
        return digest.clone();
    }
}
