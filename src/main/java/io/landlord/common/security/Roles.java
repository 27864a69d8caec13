package io.landlord.common.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The role catalogue: a role is a named set of permissions; a client holds the union of its roles'.
 * Platform roles belong to management clients, tenant roles to a tenant's clients.
 */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String PLATFORM_VIEWER = "platform-viewer";
    public static final String TENANT_ADMIN = "admin";
    public static final String TENANT_ISSUER = "issuer";
    public static final String TENANT_VERIFIER = "verifier";
    public static final String TENANT_VIEWER = "viewer";

    /** Where a role may be held. */
    public enum Scope { PLATFORM, TENANT }

    /** A role and its permissions, as {@code GET /v1/roles} shows it. */
    @RegisterForReflection
    public record Role(String name, Scope scope, String description, List<String> permissions) {
    }

    private static final List<Role> CATALOGUE = List.of(
            new Role(PLATFORM_ADMIN, Scope.PLATFORM, "Every management permission", Permissions.MANAGEMENT),
            new Role(PLATFORM_VIEWER, Scope.PLATFORM, "Every management read permission",
                    Permissions.MANAGEMENT.stream().filter(p -> p.endsWith(":read")).toList()),
            new Role(TENANT_ADMIN, Scope.TENANT, "Everything inside its own tenant", Permissions.TENANT_ADMIN),
            new Role(TENANT_ISSUER, Scope.TENANT, "Issues credentials for its tenant", Permissions.TENANT_ISSUER),
            new Role(TENANT_VERIFIER, Scope.TENANT, "Verifies credentials for its tenant", Permissions.TENANT_VERIFIER),
            new Role(TENANT_VIEWER, Scope.TENANT, "Reads its own tenant", Permissions.TENANT_VIEWER));

    private static final Map<String, Role> BY_NAME = CATALOGUE.stream()
            .collect(Collectors.toUnmodifiableMap(Role::name, Function.identity()));

    private Roles() {
    }

    public static List<Role> catalogue() {
        return CATALOGUE;
    }

    public static Optional<Role> find(String name, Scope scope) {
        return Optional.ofNullable(BY_NAME.get(name)).filter(role -> role.scope() == scope);
    }

    /** The sorted union of the permissions of {@code roles}; unknown names add nothing. */
    public static List<String> permissionsOf(Collection<String> roles) {
        return roles.stream()
                .flatMap(name -> Optional.ofNullable(BY_NAME.get(name)).map(role -> role.permissions().stream()).orElse(Stream.empty()))
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }
}
