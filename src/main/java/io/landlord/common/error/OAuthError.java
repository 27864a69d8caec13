package io.landlord.common.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The token endpoint's error body (RFC 6749 §5.2). */
@RegisterForReflection
public record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
}
