package io.landlord.client;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST …/clients}: a name and at least one role of the client's scope. */
public record CreateClientRequest(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 20) List<@NotNull String> roles) {
}
