package io.landlord.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An operation's status as createstatus and the operations list show it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationResponse(UUID id, String status, UUID tenantId, Map<String, Object> error, Instant createdAt,
        Instant updatedAt) {

    static OperationResponse from(Operation op) {
        return new OperationResponse(op.id, op.status, op.tenantId, op.error, op.createdAt, op.updatedAt);
    }
}
