package io.landlord.console;

import io.landlord.common.security.Caller;
import io.landlord.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in console user of the current request: the API's {@link Caller}, and the page chrome for them. */
@RequestScoped
public class ConsoleUser {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    public ConsoleUser(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public Caller caller() {
        return Caller.of(identity);
    }

    public Chrome chrome(String section) {
        Caller caller = caller();
        ConsoleSession session = request.getCurrent().get(ConsoleGate.SESSION_ATTRIBUTE);
        return new Chrome(caller.clientId(), caller.tenantId(), Roles.permissionsOf(caller.roles()), session.csrfToken(), section);
    }
}
