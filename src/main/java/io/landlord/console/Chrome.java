package io.landlord.console;

import java.util.List;
import java.util.UUID;

/**
 * What every console page shows around its content: who is signed in, the navigation their permissions allow, and the
 * CSRF token the page's forms and htmx requests send back.
 */
public record Chrome(String clientId, UUID tenantId, List<String> permissions, String csrf, String section) {

    /** The same permission names the API checks; a page shows an action only when this holds. */
    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    public boolean management() {
        return tenantId == null;
    }

    public boolean at(String name) {
        return section.equals(name);
    }
}
