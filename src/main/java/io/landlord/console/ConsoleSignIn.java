package io.landlord.console;

import io.landlord.event.Recorded;
import io.landlord.token.TokenResponse;
import io.landlord.token.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sign-in's credential check, recorded in the audit trail like the token endpoint's ({@code CONSOLE_SIGN_IN_START},
 * then {@code _SUCCESS}, or {@code _FAIL} with {@code invalid_client} for a known client with a wrong secret). A bean of
 * its own so that the refusal reaches the recording before the page turns it into the form again.
 */
@ApplicationScoped
public class ConsoleSignIn {

    private final TokenService tokens;

    public ConsoleSignIn(TokenService tokens) {
        this.tokens = tokens;
    }

    @Recorded("CONSOLE_SIGN_IN")
    public Uni<TokenResponse> check(String clientId, String clientSecret, String clientAddress) {
        return tokens.grantClientCredentials(clientId, clientSecret, clientAddress);
    }
}
