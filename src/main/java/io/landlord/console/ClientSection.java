package io.landlord.console;

import io.landlord.client.ClientResponse;
import io.landlord.client.ClientService;
import io.landlord.client.CreateClientRequest;
import io.landlord.client.RotateClientSecretRequest;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The clients section, for a tenant's clients and for the management clients alike ({@code tenantId} null): the list,
 * and each change followed by the list again with the one-time secret the change produced. Its two resources only
 * add what differs, their paths and the API operation each change is recorded as.
 */
@ApplicationScoped
public class ClientSection {

    /** Both lists are short (a handful of clients per tenant): one page of this many is all of them in practice. */
    private static final String SHOWN = "200";

    private final ClientService clients;
    private final ConsoleForms forms;

    public ClientSection(ClientService clients, ConsoleForms forms) {
        this.clients = clients;
        this.forms = forms;
    }

    /** A client shown with its new secret, and what happened to it. */
    public record Shown(ClientResponse client, String what) {
    }

    Uni<String> render(Chrome chrome, UUID tenantId, Shown shown) {
        Roles.Scope scope = tenantId == null ? Roles.Scope.PLATFORM : Roles.Scope.TENANT;
        List<String> roles = Roles.catalogue().stream().filter(role -> role.scope() == scope).map(Roles.Role::name).toList();
        String base = tenantId == null ? "/console/clients" : "/console/tenants/" + tenantId + "/clients";
        return clients.list(tenantId, PageRequest.of(SHOWN, null))
                .flatMap(page -> Pages.clients(chrome, base, roles, page.data(), shown).createUni());
    }

    Uni<String> create(Chrome chrome, UUID tenantId, String name, List<String> roles) {
        CreateClientRequest request = forms.valid(new CreateClientRequest(ConsoleForms.given(name), roles));
        return clients.create(tenantId, request)
                .flatMap(created -> render(chrome, tenantId, new Shown(created, "Client created")));
    }

    Uni<String> rotate(Chrome chrome, UUID tenantId, String clientId) {
        // the console rotates as the API does without options: the old secret stops at once
        return clients.rotateSecret(tenantId, clientId, new RotateClientSecretRequest(null, null))
                .flatMap(rotated -> render(chrome, tenantId, new Shown(rotated, "Secret rotated: the old one no longer works")));
    }

    Uni<String> delete(Chrome chrome, UUID tenantId, String clientId) {
        return clients.delete(tenantId, clientId).flatMap(ok -> render(chrome, tenantId, null));
    }
}
