package io.landlord.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LikeOperationsTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00.123456Z");
    private static final UUID TENANT = UUID.fromString("0190a4c2-1111-7222-8333-444455556666");

    private static NewEvent read(String requestId, Instant startedAt, String actor) {
        return NewEvent.operation("TENANT_RETRIEVE", startedAt, startedAt.plusMillis(3), "TENANT_RETRIEVE_SUCCESS", actor, TENANT,
                requestId, null, Map.of()).get(0);
    }

    @Test
    void like_reads_share_a_row_in_start_order_and_the_rest_stay_as_they_were() {
        List<NewEvent> rows = new ArrayList<>();
        for (int i = LikeOperations.FEWEST - 1; i >= 0; i--) {
            rows.add(read("r" + i, START.plusMillis(5L * i), "llc_a")); // added latest first
        }
        NewEvent otherActor = read("other", START.plusMillis(1), "llc_b");
        NewEvent notAnOperation = NewEvent.of("WEBHOOK_DISABLED", TENANT, Map.of("webhookId", "w"));
        rows.add(otherActor);
        rows.add(notAnOperation);

        LikeOperations.Batch batch = LikeOperations.of(rows);

        assertEquals(1, batch.shared().size());
        LikeOperations row = batch.shared().get(0);
        assertEquals(List.of("r0", "r1"), row.requestIds().subList(0, 2));
        assertEquals(LikeOperations.FEWEST, row.requestIds().size());
        assertEquals(List.of(START, START.plusMillis(5)), row.startedAt().subList(0, 2));
        assertEquals(List.of(START.plusMillis(3), START.plusMillis(8)), row.occurredAt().subList(0, 2));
        assertEquals("llc_a", row.actor());
        assertEquals(EventIds.lowest(START).getMostSignificantBits(), row.id().getMostSignificantBits(), "drawn from the first START");
        assertEquals(0x0001L, row.id().getLeastSignificantBits() & 0xFFFFL, "its events' ids are its own with these bits set");
        assertEquals(List.of(notAnOperation, otherActor), batch.single());
    }

    @Test
    void fewer_like_reads_than_are_worth_a_row_stay_rows_of_their_own() {
        List<NewEvent> rows = new ArrayList<>();
        for (int i = 0; i < LikeOperations.FEWEST - 1; i++) {
            rows.add(read("r" + i, START.plusMillis(i), "llc_a"));
        }

        LikeOperations.Batch batch = LikeOperations.of(rows);

        assertEquals(List.of(), batch.shared());
        assertEquals(rows, batch.single());
    }

    @Test
    void a_row_holds_at_most_thirty_operations_all_within_ten_seconds_of_its_first_start() {
        List<NewEvent> reads = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            reads.add(read("r" + i, START.plusMillis(i), "llc_a"));
        }
        reads.add(read("late", START.plusSeconds(10), "llc_a")); // ends 3 ms after the 10 s that the first row may span

        LikeOperations.Batch batch = LikeOperations.of(reads);

        assertEquals(List.of(30, 30, 11), batch.shared().stream().map(row -> row.requestIds().size()).toList());
        assertEquals("late", batch.shared().get(2).requestIds().get(10), "the third row starts at the 61st, so it still spans under 10 s");
        assertEquals(List.of(), batch.single());
    }

    @Test
    void an_operation_beyond_ten_seconds_of_the_rows_first_start_begins_a_new_row() {
        List<NewEvent> rows = new ArrayList<>();
        for (int i = 0; i < LikeOperations.FEWEST; i++) {
            rows.add(read("r" + i, START.plusMillis(i), "llc_a"));
        }
        NewEvent late = read("late", START.plusSeconds(10), "llc_a");
        rows.add(late);

        LikeOperations.Batch batch = LikeOperations.of(rows);

        assertEquals(1, batch.shared().size());
        assertEquals(LikeOperations.FEWEST, batch.shared().get(0).requestIds().size());
        assertEquals(List.of(late), batch.single());
    }
}
