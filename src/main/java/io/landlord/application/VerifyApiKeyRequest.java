package io.landlord.application;

import jakarta.validation.constraints.NotNull;

/** {@code POST /v1/apikeys:verify}. */
public record VerifyApiKeyRequest(@NotNull String key) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "VerifyApiKeyRequest[key=…]";
    }
}
