package org.prooftrail.client.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Arrays;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * gRPC failures as a Fabric gateway peer sends them: a {@code google.rpc.Status} with the gRPC code, a message, and
 * one {@link ErrorDetail} per peer (address, MSP ID, that peer's message) packed as {@code Any}, carried in the
 * trailers of a {@link StatusRuntimeException}, which is how fabric-gateway's exceptions read them back.
 */
final class GrpcErrors {
    private GrpcErrors() {}

    static StatusRuntimeException failure(Status.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addAllDetails(Arrays.stream(details).map(Any::pack).toList())
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    static ErrorDetail peer(String address, String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }

    static ErrorDetail org1(String message) {
        return peer("peer0.org1.example.com:7051", "Org1MSP", message);
    }

    static ErrorDetail org2(String message) {
        return peer("peer0.org2.example.com:9051", "Org2MSP", message);
    }
}
