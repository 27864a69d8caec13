package io.landlord.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewEventTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00.123456Z");
    private static final UUID TENANT = UUID.fromString("0190a4c2-1111-7222-8333-444455556666");

    @Test
    void an_operation_within_ten_seconds_is_one_row_whose_id_is_drawn_from_its_start() {
        List<NewEvent> rows = NewEvent.operation("TENANT_RETRIEVE", START, START.plusSeconds(10), "TENANT_RETRIEVE_SUCCESS",
                "llc_a", TENANT, "req-1", null, Map.of("tenantId", TENANT));

        assertEquals(1, rows.size());
        NewEvent row = rows.get(0);
        assertEquals("TENANT_RETRIEVE_SUCCESS", row.type());
        assertEquals(START, row.startedAt());
        assertEquals(START.plusSeconds(10), row.occurredAt());
        assertEquals(EventIds.lowest(START).getMostSignificantBits(), row.id().getMostSignificantBits());
        assertEquals(1L, row.id().getLeastSignificantBits() & 1L, "the id with its lowest bit cleared is the START's");
    }

    @Test
    void a_longer_operation_is_two_rows_and_its_start_does_not_carry_the_fails_status() {
        List<NewEvent> rows = NewEvent.operation("TENANT_CREATE", START, START.plusSeconds(10).plusNanos(1_000), "TENANT_CREATE_FAIL",
                "llc_a", TENANT, "req-2", "Conflict", Map.of("status", 409, "subdomain", "acme"));

        assertEquals(List.of("TENANT_CREATE_START", "TENANT_CREATE_FAIL"), rows.stream().map(NewEvent::type).toList());
        assertNull(rows.get(0).startedAt());
        assertNull(rows.get(1).startedAt());
        assertEquals(START, rows.get(0).occurredAt());
        assertEquals(Map.of("subdomain", "acme"), rows.get(0).payload());
        assertNull(rows.get(0).errorCode());
        assertEquals(Map.of("status", 409, "subdomain", "acme"), rows.get(1).payload());
        assertEquals("Conflict", rows.get(1).errorCode());
    }

    @Test
    void an_operation_that_seems_to_end_before_it_started_is_two_rows() {
        List<NewEvent> rows = NewEvent.operation("TENANT_RETRIEVE", START, START.minusMillis(1), "TENANT_RETRIEVE_SUCCESS",
                null, null, null, null, Map.of());

        assertEquals(List.of("TENANT_RETRIEVE_START", "TENANT_RETRIEVE_SUCCESS"), rows.stream().map(NewEvent::type).toList());
    }
}
