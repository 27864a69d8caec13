package io.landlord.client;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code PATCH …/clients/{clientId}}: each given field replaces the stored one. */
public record UpdateClientRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(min = 1, max = 20) List<String> roles) {
}
