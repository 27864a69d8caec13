package io.landlord.common.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The role catalogue: a role is a named set of permissions; a client holds the union of its roles'. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String PLATFORM_VIEWER = "platform-viewer";

    private static final Map<String, List<String>> PLATFORM = new LinkedHashMap<>();

    static {
        PLATFORM.put(PLATFORM_ADMIN, Permissions.MANAGEMENT);
        PLATFORM.put(PLATFORM_VIEWER, Permissions.MANAGEMENT.stream().filter(p -> p.endsWith(":read")).toList());
    }

    private Roles() {
    }

    public static Optional<List<String>> platformRole(String name) {
        return Optional.ofNullable(PLATFORM.get(name));
    }

    /** The sorted union of the permissions of {@code roles}; unknown names add nothing. */
    public static List<String> permissionsOf(Collection<String> roles) {
        TreeSet<String> union = new TreeSet<>();
        for (String role : roles) {
            union.addAll(PLATFORM.getOrDefault(role, List.of()));
        }
        return List.copyOf(union);
    }
}
