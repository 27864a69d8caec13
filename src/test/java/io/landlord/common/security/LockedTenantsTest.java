package io.landlord.common.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.common.config.LandlordConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reload of locked tenants against this instance's own changes, step by step: a private instance (no timer, no
 * query) is driven through the order of events a slow reload can meet.
 */
@QuarkusTest
class LockedTenantsTest {

    @Inject
    LandlordConfig config;

    private LockedTenants locks;
    private final UUID tenant = UUID.randomUUID();

    @BeforeEach
    void unstartedInstance() {
        locks = new LockedTenants(null, null, config);
    }

    @Test
    void a_reload_that_read_the_table_before_a_lock_made_here_does_not_undo_it() {
        long readAt = locks.changesSoFar();
        locks.changed(tenant, true);
        locks.reloaded(Set.of(), Set.of(), readAt);

        assertTrue(locks.isLocked(tenant));
    }

    @Test
    void a_reload_that_read_the_table_before_an_unlock_made_here_does_not_relock() {
        locks.changed(tenant, true);
        long readAt = locks.changesSoFar();
        locks.changed(tenant, false);
        locks.reloaded(Set.of(tenant), Set.of(), readAt);

        assertFalse(locks.isLocked(tenant));
    }

    @Test
    void a_reload_that_read_the_table_after_the_last_change_here_replaces_the_set() {
        UUID lockedElsewhere = UUID.randomUUID();
        locks.changed(tenant, true);
        locks.reloaded(Set.of(lockedElsewhere), Set.of(), locks.changesSoFar());

        assertFalse(locks.isLocked(tenant), "unlocked through another instance");
        assertTrue(locks.isLocked(lockedElsewhere), "locked through another instance");
    }

    @Test
    void a_reload_that_read_the_table_before_a_restore_made_here_does_not_refuse_the_tenant_again() {
        locks.deletedChanged(List.of(tenant), true);
        long readAt = locks.changesSoFar();
        locks.deletedChanged(List.of(tenant), false);
        locks.reloaded(Set.of(), Set.of(tenant), readAt);

        assertFalse(locks.isDeleted(tenant));
    }

    @Test
    void a_reload_replaces_the_deleted_tenants_apart_from_the_locked_ones() {
        UUID deletedElsewhere = UUID.randomUUID();
        locks.reloaded(Set.of(tenant), Set.of(deletedElsewhere), locks.changesSoFar());

        assertTrue(locks.isDeleted(deletedElsewhere));
        assertFalse(locks.isLocked(deletedElsewhere));
        assertFalse(locks.isDeleted(tenant));
    }
}
