package io.landlord.common.error;

/**
 * An RFC 6749 §5.2 error of the token endpoint. {@code basicChallenge} is set when the client
 * authenticated with HTTP Basic, so the 401 carries {@code WWW-Authenticate}.
 */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final boolean basicChallenge;

    private OAuthException(int status, String error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, false);
    }

    public static OAuthException invalidClient(String description, boolean basicChallenge) {
        return new OAuthException(401, "invalid_client", description, basicChallenge);
    }

    /** invalid_client without a 401: the client authenticated, but may not have a token now (e.g. locked tenant). */
    public static OAuthException clientNotAllowed(String description) {
        return new OAuthException(400, "invalid_client", description, false);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description, false);
    }

    /** RFC 7009 §2.2.1: the token type (e.g. a refresh token) is not one this server revokes or introspects. */
    public static OAuthException unsupportedTokenType(String description) {
        return new OAuthException(400, "unsupported_token_type", description, false);
    }

    /** The client authenticated, but may not act on this token. */
    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(403, "unauthorized_client", description, false);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description, false);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
